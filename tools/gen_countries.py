#!/usr/bin/env python3
"""Regenerates app/seed/countries.tsv: ISO code, ITU-D region, UN country groups, and the
country's name in the six UN languages taken from CLDR (through the Babel package).

    pip install babel==2.18.0 && python3 tools/gen_countries.py

Region membership follows the ITU Telecommunication Development Sector's six regions; the
LDC / LLDC / SIDS lists follow UN-OHRLLS. Names are never typed by hand: CLDR is the source.
"""
import pathlib
from babel import Locale

REGIONS = {
    "africa": "AO BJ BW BF BI CV CM CF TD CG CI CD GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU MZ NA NE NG RW ST SN SC SL ZA SS TZ TG UG ZM ZW",
    "arab_states": "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE",
    "americas": "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE",
    "asia_pacific": "AF AU BD BT BN KH CN FJ IN ID IR JP KI KP KR LA MY MV MH FM MN MM NR NP NZ PK PW PG PH WS SG SB LK TH TL TO TV VU VN",
    "cis": "AM AZ BY KZ KG RU TJ TM UZ",
    "europe": "AL AD AT BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IL IT LV LI LT LU MT MD MC ME NL MK NO PL PT RO SM RS SK SI ES SE CH TR UA GB VA",
}
GROUPS = {
    "ldc": "AO BJ BF BI CF TD KM CD DJ ER ET GM GN GW LS LR MG MW ML MR MZ NE RW SN SL SO SS SD TG UG TZ ZM AF BD KH LA MM NP TL YE HT KI SB TV",
    "lldc": "AF AM AZ BT BO BW BF BI CF TD SZ ET KZ KG LA LS MW ML MD MN NP NE MK PY RW SS TJ TM UG UZ ZM ZW",
    "sids": "AG BS BB BZ CV KM CU DM DO FJ GD GW GY HT JM KI MV MH FM MU NR PW PG WS ST SC SG KN LC VC SB SR TL TO TT TV VU BH",
}
LOCALES = ["ar", "en", "es", "fr", "ru", "zh"]


def main() -> None:
    names = {loc: Locale(loc).territories for loc in LOCALES}
    rows = []
    seen = set()
    for region, codes in REGIONS.items():
        for code in codes.split():
            assert code not in seen, f"{code} is in two regions"
            seen.add(code)
            groups = ",".join(g for g, members in GROUPS.items() if code in members.split())
            row = [code, region, groups] + [names[loc][code] for loc in LOCALES]
            rows.append("\t".join(row))
    for group, members in GROUPS.items():
        missing = set(members.split()) - seen
        assert not missing, f"{group} members without a region: {missing}"
    rows.sort()
    header = "\t".join(["code", "region", "groups"] + LOCALES)
    out = pathlib.Path(__file__).resolve().parent.parent / "app" / "seed" / "countries.tsv"
    out.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} countries written to {out}")


if __name__ == "__main__":
    main()

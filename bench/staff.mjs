// A staff member's requests for the fault drill, through the public endpoints as the
// hydrated app sends them:
//
//   node bench/staff.mjs publish BASE EMAIL PASSWORD TITLE AREA...   prints the concept id
//   node bench/staff.mjs session BASE EMAIL PASSWORD                 prints the cookie
//   node bench/staff.mjs me BASE COOKIE                              exits 0 if signed in
const [command, base, ...rest] = process.argv.slice(2);

async function post(path, fields, cookie) {
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v);
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(base + path, { method: 'POST', body, headers, redirect: 'manual' });
  return { status: res.status, body: await res.text(), cookie: res.headers.get('set-cookie') };
}

async function session(email, password) {
  const r = await post('/api/session/sign_in', [['locale', 'en'], ['email', email], ['password', password]]);
  if (!r.cookie) throw new Error(`sign-in failed: ${r.status} ${r.body}`);
  return r.cookie.split(';')[0];
}

async function must(r, what) {
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${r.body}`);
  return r.body;
}

if (command === 'session') {
  console.log(await session(rest[0], rest[1]));
} else if (command === 'me') {
  const r = await post('/api/session/me', [], rest[0]);
  if (r.status !== 200 || r.body === 'null') {
    console.error(`not signed in on ${base}: ${r.status} ${r.body}`);
    process.exit(1);
  }
} else if (command === 'publish') {
  const [email, password, title, ...areas] = rest;
  const cookie = await session(email, password);
  const fields = [
    ['locale', 'en'], ['facts[original_locale]', 'en'], ['facts[budget]', ''], ['facts[starts_on]', ''],
    ['facts[ends_on]', ''], ['facts[focal_name]', 'Drill'], ['facts[focal_email]', 'drill@example.test'],
    ['text[title]', title], ['text[summary]', 'Published by the fault drill.'], ['text[objectives]', ''],
    ['text[beneficiaries]', ''], ['text[body]', ''], ['facts[regions][]', 'africa'],
    ...areas.map((a) => ['facts[areas][]', a]),
  ];
  const id = await must(await post('/api/staff/concept_create', fields, cookie), 'create');
  // Each move answers the concept's next version.
  let version = '1';
  for (const to of ['in_review', 'published']) {
    version = (await must(await post('/api/staff/concept_move', [['id', id], ['version', version], ['to', to]], cookie), to)).trim();
  }
  console.log(id);
} else {
  console.error('usage: node bench/staff.mjs publish|session|me BASE ...');
  process.exit(2);
}

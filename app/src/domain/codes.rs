//! Closed lists of codes as enums: each variant has the code it is stored and sent as, the
//! list of all of them, and a parser. One macro, so a new list cannot get one of the three
//! wrong.

/// `code_enum! { /// doc  pub enum Kind { Government = "government", … } }`
#[macro_export]
macro_rules! code_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order written.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code it is stored and sent as.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        // Sent as its code, so the browser and the database read the same word.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown code {code:?}")))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    code_enum! {
        enum Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn codes_read_back_and_unknown_codes_do_not() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.code()), Some(*c));
        }
        assert_eq!(Colour::DarkBlue.code(), "dark_blue");
        assert_eq!(Colour::parse("green"), None);
    }
}

//! `wire_struct!`: declares a lossless wire model in one place.
//!
//! Every field becomes a [`super::Wire`] under its exact wire name, skipped on output when it
//! was absent on input; unknown keys land in `extra`. The macro also implements
//! [`super::CheckWire`], so a new field can never be forgotten by the type checker, and
//! both readers: from a parsed value ([`super::read`]) and from JSON text
//! ([`super::stream`]).
//!
//! Fields several models share are declared once, as a field group: a line `..group!,`
//! among the fields splices in the fields of the macro `group!` at that place (fields keep
//! their place: it is the order of the JSON Schema's properties and of the output).
//! A group macro takes `$head:tt [$($fields:tt)*] $($rest:tt)*` and calls
//! `wire_struct! { @collect $head [$($fields)* <its fields>] $($rest)* }`; see
//! `kinds::workload`.

macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        crate::model::macros::wire_struct! { @collect [$(#[$meta])* pub struct $name] [] $($body)* }
    };

    // Every field collected: the model itself.
    (
        @collect [$(#[$meta:meta])* pub struct $name:ident]
        [$(
            $(#[$field_meta:meta])*
            $wire:literal => $field:ident : $ty:ty,
        )*]
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(rename = $wire, default, skip_serializing_if = "crate::model::Wire::is_absent")]
                pub $field: crate::model::Wire<$ty>,
            )*
            /// Keys this version of kubegraph does not know, kept for the round trip.
            #[serde(flatten)]
            pub extra: crate::model::Extra,
        }

        impl crate::model::CheckWire for $name {
            fn collect_invalid(
                &self,
                at: &mut crate::model::FieldPath,
                out: &mut Vec<crate::model::InvalidField>,
            ) {
                $(crate::model::CheckWire::collect_invalid_under(&self.$field, $wire, at, out);)*
            }

            fn has_invalid(&self) -> bool {
                false $(|| crate::model::CheckWire::has_invalid(&self.$field))*
            }
        }

        impl crate::model::read::FromObject for $name {
            fn from_object(object: &serde_json::Map<String, serde_json::Value>) -> Self {
                let mut read = Self::default();
                for (key, value) in object {
                    match key.as_str() {
                        $($wire => read.$field = crate::model::Wire::from_value(value),)*
                        _ => {
                            read.extra.insert(key.clone(), value.clone());
                        }
                    }
                }
                read
            }
        }

        impl crate::model::read::FromValue for $name {
            fn from_value(
                value: &serde_json::Value,
            ) -> Result<Self, Box<crate::model::wire::InvalidValue>> {
                match value {
                    serde_json::Value::Object(object) => {
                        Ok(crate::model::read::FromObject::from_object(object))
                    }
                    other => crate::model::read::through_serde(other),
                }
            }
        }

        impl crate::model::stream::ReadObject for $name {
            fn read_object<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let mut read = Self::default();
                while let Some(key) = map.next_key::<crate::model::stream::Key<'de>>()? {
                    match key.as_str() {
                        $($wire => read.$field = map.next_value_seed(crate::model::stream::WireSeed::new())?,)*
                        _ => {
                            read.extra.insert(key.into_owned(), map.next_value()?);
                        }
                    }
                }
                Ok(read)
            }
        }

        impl crate::model::stream::ReadJson for $name {
            fn read_wire<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<crate::model::Wire<Self>, D::Error> {
                crate::model::stream::read_object_wire(deserializer)
            }
        }
    };

    // A field group: its macro hands the fields back.
    (@collect $head:tt [$($fields:tt)*] ..$group:ident!, $($rest:tt)*) => {
        $group! { $head [$($fields)*] $($rest)* }
    };

    // One field.
    (
        @collect $head:tt [$($fields:tt)*]
        $(#[$field_meta:meta])*
        $wire:literal => $field:ident : $ty:ty,
        $($rest:tt)*
    ) => {
        crate::model::macros::wire_struct! {
            @collect $head [$($fields)* $(#[$field_meta])* $wire => $field : $ty,] $($rest)*
        }
    };
}

/// Declares a closed set of string values with their exact wire spelling.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $wire:literal => $variant:ident,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $wire)]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The exact wire spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }

            /// The value spelled `wire`, if any.
            pub fn from_wire(wire: &str) -> Option<Self> {
                match wire {
                    $($wire => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        crate::model::read::leaf!($name);
        crate::model::read::read_through_serde!(Vec<$name>);
    };
}

pub(crate) use {wire_enum, wire_struct};

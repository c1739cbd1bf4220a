//! A list row read straight from SQLite into its typed row struct: serde over the statement's
//! columns, with no JSON object built in between (a list of 50.000 rows spent most of its time
//! making and reading those objects).

use rusqlite::types::ValueRef;
use rusqlite::Row;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error(e.to_string())
    }
}

/// Reads one row as a `T` whose fields are the statement's column names.
pub fn from_row<T: de::DeserializeOwned>(row: &Row<'_>, names: &[String]) -> Result<T, Error> {
    T::deserialize(RowDe { row, names })
}

struct RowDe<'a, 'r> {
    row: &'a Row<'r>,
    names: &'a [String],
}

impl<'de> de::Deserializer<'de> for RowDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Columns {
            row: self.row,
            names: self.names,
            at: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Columns<'a, 'r> {
    row: &'a Row<'r>,
    names: &'a [String],
    at: usize,
}

impl<'de> MapAccess<'de> for Columns<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.names.get(self.at) {
            Some(name) => seed
                .deserialize(name.as_str().into_deserializer())
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.row.get_ref(self.at)?;
        self.at += 1;
        seed.deserialize(Cell(value))
    }
}

/// One column's value.
struct Cell<'a>(ValueRef<'a>);

impl Cell<'_> {
    fn text(&self) -> Result<&str, Error> {
        match self.0 {
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                std::str::from_utf8(t).map_err(|e| Error(e.to_string()))
            }
            other => Err(Error(format!(
                "expected text, found {:?}",
                other.data_type()
            ))),
        }
    }
}

impl<'de> de::Deserializer<'de> for Cell<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            ValueRef::Null => visitor.visit_unit(),
            ValueRef::Integer(i) => visitor.visit_i64(i),
            ValueRef::Real(f) => visitor.visit_f64(f),
            ValueRef::Text(_) | ValueRef::Blob(_) => visitor.visit_str(self.text()?),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            ValueRef::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// SQLite keeps booleans as 0 and 1.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            ValueRef::Integer(i) => visitor.visit_bool(i != 0),
            _ => self.deserialize_any(visitor),
        }
    }

    /// Codes (fixed value lists) are stored as their serialized names.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

//! A fast reader for the RON this program writes (`format::pretty`): plain
//! structs `(field: value, …)`, maps `{key: value, …}`, lists `[…]`,
//! `Some(…)` / `None`, enum variants `Name` or `Name(…)`, integers, `true`
//! and `false`, and strings plain (`"…"`, with no escapes) or raw
//! (`r#"…"#`). It is several times quicker than `ron`'s general parser on
//! the members' notebooks, the bulk of every open.
//!
//! It is only ever a first try: anything else (comments, escapes, struct
//! names, numbers with signs, underscores or leading zeros, a shape it
//! does not know) makes it give up, and the file is read by `ron` itself,
//! which also words every error. What it accepts, `ron` reads the same.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

/// Why the fast reader gave up; never shown (`ron` reads the file then).
#[derive(Debug)]
pub struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the shape this program writes")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> GaveUp {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// Reads a whole file's value, or gives up.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.space();
    match reader.at == text.len() {
        true => Ok(value),
        false => Err(GaveUp),
    }
}

/// How deep values may nest before the reader gives up (a file nested
/// deeper is `ron`'s to refuse, in words).
const MAX_DEPTH: usize = 64;

struct Reader<'de> {
    text: &'de str,
    at: usize,
    depth: usize,
}

impl<'de> Reader<'de> {
    /// Goes one level deeper, past `open`.
    fn enter(&mut self, open: u8) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GaveUp);
        }
        self.expect(open)
    }

    /// Comes back up, past `close`.
    fn leave(&mut self, close: u8) -> Result<()> {
        self.depth -= 1;
        self.expect(close)
    }

    fn space(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space.
    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) { Ok(()) } else { Err(GaveUp) }
    }

    /// An identifier; a raw one (`r#…`) gives up.
    fn ident(&mut self) -> Result<&'de str> {
        self.space();
        let bytes = self.text.as_bytes();
        let start = self.at;
        match bytes.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return Err(GaveUp),
        }
        let mut end = start + 1;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            end += 1;
        }
        if bytes.get(end) == Some(&b'#') || bytes.get(end) == Some(&b'"') {
            return Err(GaveUp);
        }
        self.at = end;
        Ok(&self.text[start..end])
    }

    /// A plain string with no escapes, or a raw string.
    fn string(&mut self) -> Result<&'de str> {
        self.space();
        let bytes = self.text.as_bytes();
        match bytes.get(self.at) {
            Some(b'"') => {
                let body = self.at + 1;
                let len = bytes[body..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                    .ok_or(GaveUp)?;
                if bytes[body + len] == b'\\' {
                    return Err(GaveUp);
                }
                self.at = body + len + 1;
                Ok(&self.text[body..body + len])
            }
            Some(b'r') => {
                let hashes = bytes[self.at + 1..]
                    .iter()
                    .take_while(|&&b| b == b'#')
                    .count();
                let open = self.at + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    return Err(GaveUp);
                }
                let mut close = String::from("\"");
                close.extend(std::iter::repeat_n('#', hashes));
                let body = open + 1;
                let len = self.text[body..].find(&close).ok_or(GaveUp)?;
                self.at = body + len + close.len();
                Ok(&self.text[body..body + len])
            }
            _ => Err(GaveUp),
        }
    }

    /// An integer: digits, perhaps after a minus; no leading zeros.
    fn integer(&mut self) -> Result<(bool, u64)> {
        self.space();
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        let start = self.at + usize::from(negative);
        let digits = bytes[start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = start + digits;
        let next = bytes.get(end).copied().unwrap_or(b' ');
        if digits == 0
            || (digits > 1 && bytes[start] == b'0')
            || next.is_ascii_alphanumeric()
            || matches!(next, b'_' | b'.')
        {
            return Err(GaveUp);
        }
        let value = self.text[start..end].parse().map_err(|_| GaveUp)?;
        self.at = end;
        Ok((negative, value))
    }

    fn after_item(&mut self, close: u8) -> Result<()> {
        if self.eat(b',') || self.peek() == Some(close) {
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// Skips one value of any shape this reader knows.
    fn skip(&mut self) -> Result<()> {
        match self.peek().ok_or(GaveUp)? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.integer().map(drop),
            open @ (b'(' | b'[' | b'{') => {
                self.enter(open)?;
                let close = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                // `ron` takes a group of fields or of values, never both.
                let mut kinds = (false, false);
                while self.peek() != Some(close) {
                    // A struct's field name, or a map's key.
                    let mark = self.at;
                    let named = open == b'(' && self.ident().is_ok() && self.eat(b':');
                    kinds = (kinds.0 || named, kinds.1 || !named);
                    if open == b'(' && kinds.0 && kinds.1 {
                        return Err(GaveUp);
                    }
                    if !named {
                        self.at = mark;
                        self.skip()?;
                        if open == b'{' {
                            self.expect(b':')?;
                        }
                    }
                    if named || open == b'{' {
                        self.skip()?;
                    }
                    self.after_item(close)?;
                }
                self.leave(close)
            }
            b'r' if self.text.as_bytes().get(self.at + 1) == Some(&b'#') => self.string().map(drop),
            _ => {
                let name = self.ident()?;
                if self.peek() == Some(b'(') {
                    // `ron` reads these as values, never as a group's name.
                    if matches!(name, "Some" | "None" | "true" | "false") {
                        return Err(GaveUp);
                    }
                    self.skip()?;
                }
                Ok(())
            }
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek().ok_or(GaveUp)? {
            b'"' => visitor.visit_borrowed_str(self.string()?),
            b'-' | b'0'..=b'9' => self.deserialize_i64(visitor),
            b'[' => self.deserialize_seq(visitor),
            b'{' => self.deserialize_map(visitor),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.integer()? {
            (false, n) => visitor.visit_u64(n),
            (true, n) => {
                let n = i64::try_from(n).map_err(|_| GaveUp)?;
                visitor.visit_i64(-n)
            }
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    serde::forward_to_deserialize_any! { f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.enter(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.leave(b')')?;
                Ok(value)
            }
            _ => Err(GaveUp),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.enter(b'[')?;
        let value = visitor.visit_seq(Items {
            reader: &mut *self,
            close: b']',
        })?;
        self.leave(b']')?;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.enter(b'{')?;
        let value = visitor.visit_map(Items {
            reader: &mut *self,
            close: b'}',
        })?;
        self.leave(b'}')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.enter(b'(')?;
        let value = visitor.visit_map(Fields { reader: &mut *self })?;
        self.leave(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// The items of a list, or the entries of a map.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(self.close)?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(self.close)?;
        Ok(value)
    }
}

/// The fields of a struct, by name.
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let name = self.reader.ident()?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(b')')?;
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.ident()?;
        let variant = seed.deserialize(BorrowedStrDeserializer::new(name))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        // `Name()` or `Name(…)` for a unit variant: let `ron` decide.
        match self.peek() {
            Some(b'(') => Err(GaveUp),
            _ => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.enter(b'(')?;
        let value = seed.deserialize(&mut *self)?;
        self.eat(b',');
        self.leave(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self, "", &[], visitor)
    }
}

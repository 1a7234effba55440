//! Where each value of a YAML document sits in its file.
//!
//! serde gives us values without positions, so the document is read a second time as parser
//! events and every node's field path is mapped to its line and column. Diagnostics then name
//! `file:line:column` for any path, falling back to the closest enclosing node that exists.

use std::collections::HashMap;
use std::fmt;

use serde_saphyr::granit_parser::{Event, Marker, Parser};

/// One step of a field path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A field path such as `spec.clusters[0].controlPlane.hosts[2]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The document root.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_string()));
        FieldPath(segments)
    }

    /// This path extended by an index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        FieldPath(segments)
    }

    /// Parses a dotted path (`spec.hosts[0].name`); keys with dots are written `labels["a.b"]`.
    pub fn parse(text: &str) -> Self {
        let mut path = FieldPath::root();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("[\"") {
                let end = after.find("\"]").unwrap_or(after.len());
                path = path.key(&after[..end]);
                rest = after.get(end + 2..).unwrap_or("");
            } else if let Some(after) = rest.strip_prefix('[') {
                let end = after.find(']').unwrap_or(after.len());
                path = match after[..end].parse() {
                    Ok(i) => path.index(i),
                    Err(_) => path.key(&after[..end]),
                };
                rest = after.get(end + 1..).unwrap_or("");
            } else {
                let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
                let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
                path = path.key(&rest_trimmed[..end]);
                rest = &rest_trimmed[end..];
            }
        }
        path
    }

    /// The enclosing path, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        if self.0.is_empty() {
            None
        } else {
            Some(FieldPath(self.0[..self.0.len() - 1].to_vec()))
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl From<&Marker> for Position {
    fn from(m: &Marker) -> Self {
        Position {
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct NodePlace {
    key: Option<Position>,
    value: Position,
}

/// Positions of every node of one YAML document, by field path.
#[derive(Debug, Default)]
pub struct SourceMap {
    places: HashMap<FieldPath, NodePlace>,
}

/// Where a document could not be parsed.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub position: Position,
    /// The parser's own words.
    pub message: String,
}

enum Frame {
    Map {
        path: Option<FieldPath>,
        pending_key: Option<(String, Position)>,
        expecting_key: bool,
    },
    Seq {
        path: Option<FieldPath>,
        next: usize,
    },
}

impl SourceMap {
    /// Reads the first document of `text`; also returns where each document of the stream
    /// starts.
    pub fn build(text: &str) -> Result<(SourceMap, Vec<Position>), SyntaxError> {
        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut starts: Vec<Position> = Vec::new();
        for item in Parser::new_from_str(text) {
            let (event, span) = item.map_err(|e| SyntaxError {
                position: Position::from(e.marker()),
                message: e.info().to_string(),
            })?;
            let at = Position::from(&span.start);
            if let Event::DocumentStart(..) = event {
                starts.push(at);
                continue;
            }
            if starts.len() != 1 {
                // Only the first document is mapped; validation reports the others.
                continue;
            }
            match event {
                Event::Scalar(value, ..) => map.node(&mut stack, at, Some(value.as_ref()), None),
                Event::Alias(_) => map.node(&mut stack, at, Some(""), None),
                Event::MappingStart(..) => map.node(&mut stack, at, None, Some(true)),
                Event::SequenceStart(..) => map.node(&mut stack, at, None, Some(false)),
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        Ok((map, starts))
    }

    /// Records one node; `scalar` is its text when it is a scalar, `opens` says it starts a
    /// mapping (`Some(true)`) or sequence (`Some(false)`).
    fn node(
        &mut self,
        stack: &mut Vec<Frame>,
        at: Position,
        scalar: Option<&str>,
        opens: Option<bool>,
    ) {
        let path: Option<FieldPath>;
        match stack.last_mut() {
            None => {
                path = Some(FieldPath::root());
                self.places.insert(
                    FieldPath::root(),
                    NodePlace {
                        key: None,
                        value: at,
                    },
                );
            }
            Some(Frame::Map {
                path: map_path,
                pending_key,
                expecting_key,
            }) => {
                if *expecting_key {
                    *expecting_key = false;
                    match scalar {
                        Some(key) => *pending_key = Some((key.to_string(), at)),
                        // A complex key: keep its subtree out of the map.
                        None => *pending_key = None,
                    }
                    path = None;
                } else {
                    *expecting_key = true;
                    path = match (map_path.as_ref(), pending_key.take()) {
                        (Some(parent), Some((key, key_at))) => {
                            let p = parent.key(&key);
                            self.places.insert(
                                p.clone(),
                                NodePlace {
                                    key: Some(key_at),
                                    value: at,
                                },
                            );
                            Some(p)
                        }
                        _ => None,
                    };
                }
            }
            Some(Frame::Seq {
                path: seq_path,
                next,
            }) => {
                let index = *next;
                *next += 1;
                path = seq_path.as_ref().map(|p| p.index(index));
                if let Some(p) = &path {
                    self.places.insert(
                        p.clone(),
                        NodePlace {
                            key: None,
                            value: at,
                        },
                    );
                }
            }
        }
        match opens {
            Some(true) => stack.push(Frame::Map {
                path,
                pending_key: None,
                expecting_key: true,
            }),
            Some(false) => stack.push(Frame::Seq { path, next: 0 }),
            None => {}
        }
    }

    /// Position of the value at `path`, or of its closest existing ancestor.
    pub fn value_position(&self, path: &FieldPath) -> Position {
        self.lookup(path, false)
    }

    /// Position of the key naming `path` (its value's position for sequence items), or of the
    /// closest existing ancestor.
    pub fn key_position(&self, path: &FieldPath) -> Position {
        self.lookup(path, true)
    }

    /// True when the document has a node at `path`.
    pub fn contains(&self, path: &FieldPath) -> bool {
        self.places.contains_key(path)
    }

    fn lookup(&self, path: &FieldPath, key: bool) -> Position {
        let mut current = Some(path.clone());
        while let Some(p) = current {
            if let Some(place) = self.places.get(&p) {
                return if key {
                    place.key.unwrap_or(place.value)
                } else {
                    place.value
                };
            }
            current = p.parent();
        }
        Position { line: 1, column: 1 }
    }
}

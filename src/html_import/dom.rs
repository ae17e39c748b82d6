//! The browser half of the HTML import: the browser's own parser, and a bounded copy of its
//! tree into [`HtmlNode`]s.
//!
//! `DOMParser` with `text/html` builds an inert document: scripts in it never run, images and
//! styles never load, and event handlers are never attached. Only element names, text, the
//! attributes in [`KEPT_ATTRIBUTES`], the `class` tokens the import reads and a centred `style`
//! (as `align="center"`) are copied out; the document is then dropped.
//!
//! The copy is a [`Copier`]: an explicit stack instead of recursion, so that no nesting can
//! exhaust the call stack, and a copy that can stop after any number of nodes and go on later,
//! so that the loader can give the browser its main thread back between slices (see
//! `crate::load::prepare`). [`parse`] runs the same copy to the end in one go.
//!
//! This module compiles on every target so the crate's native build stays whole, but it only
//! works in a browser; native code never calls it.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, Node, SupportedType};

use super::{HtmlNode, KEPT_ATTRIBUTES, NOTE_CLASSES};

/// How deep the copy follows the tree. Below this, a subtree becomes its text: a hostile body of
/// ten thousand nested `<div>`s becomes one run of text rather than ten thousand levels for
/// the walk, and real articles nest a dozen levels.
pub const MAX_DEPTH: usize = 64;

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Parses an HTML body with the browser's parser and copies all of it. `None` only if the
/// browser has no `DOMParser`, which every browser that runs WebAssembly has.
pub fn parse(html: &str) -> Option<Vec<HtmlNode>> {
    let body = parse_body(html)?;
    let mut copier = Copier::new(&body);
    loop {
        if let Some(nodes) = copier.step(usize::MAX) {
            return Some(nodes);
        }
    }
}

/// The `<body>` of `html` parsed by the browser into an inert document. `None` only without a
/// `DOMParser`.
pub fn parse_body(html: &str) -> Option<Element> {
    let parser = DomParser::new().ok()?;
    let document = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    document.body().map(Into::into)
}

/// How many elements `body` contains (itself not counted), counted by the browser in one
/// call, before anything is copied.
pub fn element_count(body: &Element) -> usize {
    body.query_selector_all("*")
        .map(|list| usize::try_from(list.length()).unwrap_or(usize::MAX))
        .unwrap_or(0)
}

/// An element being copied: its name and attributes, where the copy goes on inside it, and
/// its children copied so far.
struct Frame {
    /// `None` for the body itself, whose children are the result.
    element: Option<(String, Vec<(String, String)>)>,
    next: Option<Node>,
    children: Vec<HtmlNode>,
}

/// A copy of a parsed body in progress, depth first, in document order.
pub struct Copier {
    /// The elements from the body down to the one being copied: the stack the copy would
    /// otherwise keep in recursive calls.
    stack: Vec<Frame>,
}

impl Copier {
    /// A copy of the children of `body`, not begun.
    pub fn new(body: &Element) -> Self {
        Copier {
            stack: vec![Frame {
                element: None,
                next: body.first_child(),
                children: Vec::new(),
            }],
        }
    }

    /// Copies at most `nodes` more nodes (text, elements and what is skipped alike) and
    /// returns the whole copy once it is complete, `None` while there is more to do. After it
    /// has returned the copy, it returns an empty one.
    pub fn step(&mut self, nodes: usize) -> Option<Vec<HtmlNode>> {
        let mut left = nodes;
        loop {
            // The element depth of the node about to be copied: the body's children are at 0.
            let depth = self.stack.len().saturating_sub(1);
            let frame = self.stack.last_mut()?;
            let Some(node) = frame.next.take() else {
                // Every child of this frame is copied: it becomes a node of its parent.
                let done = self.stack.pop()?;
                match (done.element, self.stack.last_mut()) {
                    (Some((tag, attrs)), Some(parent)) => parent.children.push(HtmlNode::Element {
                        tag,
                        attrs,
                        children: done.children,
                    }),
                    _ => return Some(done.children),
                }
                continue;
            };
            frame.next = node.next_sibling();
            match node.node_type() {
                Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                    if let Some(text) = node.node_value() {
                        frame.children.push(HtmlNode::Text(text));
                    }
                }
                Node::ELEMENT_NODE => {
                    if let Some(element) = node.dyn_ref::<Element>() {
                        let tag = tag_name(element);
                        let attrs = attributes(element);
                        if depth >= MAX_DEPTH {
                            // Too deep to follow: keep the words, lose the structure.
                            frame.children.push(HtmlNode::Element {
                                tag,
                                attrs,
                                children: vec![HtmlNode::Text(flat_text(&node))],
                            });
                        } else {
                            self.stack.push(Frame {
                                element: Some((tag, attrs)),
                                next: node.first_child(),
                                children: Vec::new(),
                            });
                        }
                    }
                }
                // Comments, processing instructions, doctypes: not content.
                _ => {}
            }
            left = left.saturating_sub(1);
            if left == 0 {
                return None;
            }
        }
    }
}

/// An element's name as the import reads it. SVG and MathML elements keep a prefix, so that
/// however innocent their local name looks (`svg:a`, `math:style`) the import never takes them
/// for HTML: it drops SVG, and reads a MathML formula only as text from its `math:math` root.
fn tag_name(element: &Element) -> String {
    let local = element.local_name().to_ascii_lowercase();
    match element.namespace_uri().as_deref() {
        Some(XHTML) | None => local,
        Some(ns) if ns.ends_with("/svg") => format!("svg:{local}"),
        Some(_) => format!("math:{local}"),
    }
}

/// The text below `node`, without recursion, skipping what the import would drop with its
/// content (a `<script>`'s source is not article text).
fn flat_text(node: &Node) -> String {
    let mut text = String::new();
    let mut stack = vec![node.first_child()];
    while let Some(slot) = stack.last_mut() {
        let Some(current) = slot.take() else {
            stack.pop();
            continue;
        };
        *slot = current.next_sibling();
        match current.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                text.push_str(&current.node_value().unwrap_or_default());
            }
            Node::ELEMENT_NODE => {
                let skip = current.dyn_ref::<Element>().is_some_and(|el| {
                    let foreign = !matches!(el.namespace_uri().as_deref(), Some(XHTML) | None);
                    foreign || super::is_dropped(&el.local_name().to_ascii_lowercase())
                });
                if !skip {
                    stack.push(current.first_child());
                }
            }
            _ => {}
        }
    }
    text
}

/// The attributes the import reads: the [`KEPT_ATTRIBUTES`] as written (in that order), the
/// `class` tokens it reads (a code block's `language-…`, the note classes), and a centred
/// `style` reported as `align="center"`. No other part of `class` or `style` leaves the
/// document. Most elements of an article have no attributes at all, and those pay one call;
/// the others pay one call for the names and one per attribute the import reads.
fn attributes(element: &Element) -> Vec<(String, String)> {
    if !element.has_attributes() {
        return Vec::new();
    }
    // One slot per kept attribute, in the list's order: an element has each name at most
    // once, so the slots give the attributes in that order without sorting them (a sort would
    // be the only one in the Wasm, and bring its code for this alone).
    let mut kept: Vec<Option<String>> = vec![None; KEPT_ATTRIBUTES.len()];
    let mut class = None;
    let mut style = None;
    for name in element.get_attribute_names().iter() {
        let Some(name) = name.as_string() else {
            continue;
        };
        if let Some(slot) = KEPT_ATTRIBUTES
            .iter()
            .position(|kept| *kept == name)
            .and_then(|position| kept.get_mut(position))
        {
            *slot = element.get_attribute(&name);
        } else if name == "class" {
            class = element.get_attribute(&name);
        } else if name == "style" {
            style = element.get_attribute(&name);
        }
    }
    let has_align = KEPT_ATTRIBUTES
        .iter()
        .zip(&kept)
        .any(|(name, value)| *name == "align" && value.is_some());
    let mut attrs: Vec<(String, String)> = KEPT_ATTRIBUTES
        .iter()
        .zip(kept)
        .filter_map(|(name, value)| Some(((*name).to_owned(), value?)))
        .collect();
    if let Some(class) = class {
        let tokens: Vec<&str> = class
            .split_ascii_whitespace()
            .filter(|c| {
                c.starts_with("language-") || c.starts_with("lang-") || NOTE_CLASSES.contains(c)
            })
            .collect();
        if !tokens.is_empty() {
            attrs.push(("class".to_owned(), tokens.join(" ")));
        }
    }
    if !has_align {
        let centred = style.is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style
                .split(';')
                .any(|declaration| declaration == "text-align:center")
        });
        if centred {
            attrs.push(("align".to_owned(), "center".to_owned()));
        }
    }
    attrs
}

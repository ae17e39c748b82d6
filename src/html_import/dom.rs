//! The browser half of the HTML import: the browser's own parser, and a bounded copy of its
//! tree into [`HtmlNode`]s.
//!
//! `DOMParser` with `text/html` builds an inert document: scripts in it never run, images and
//! styles never load, and event handlers are never attached. Only element names, text, the
//! attributes in [`KEPT_ATTRIBUTES`], the `class` tokens the import reads and a centred `style`
//! (as `align="center"`) are copied out; the document is then dropped.
//!
//! This module compiles on every target so the crate's native build stays whole, but it only
//! works in a browser; native code never calls it.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, Node, SupportedType};

use super::{HtmlNode, KEPT_ATTRIBUTES, NOTE_CLASSES};

/// How deep the copy follows the tree. Below this, a subtree becomes its text: a hostile body of
/// ten thousand nested `<div>`s cannot exhaust the stack, and real articles nest a dozen levels.
pub const MAX_DEPTH: usize = 64;

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Parses an HTML body with the browser's parser. `None` only if the browser has no
/// `DOMParser`, which every browser that runs WebAssembly has.
pub fn parse(html: &str) -> Option<Vec<HtmlNode>> {
    let parser = DomParser::new().ok()?;
    let document = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let body = document.body()?;
    Some(children_of(&body, 0))
}

fn children_of(node: &Node, depth: usize) -> Vec<HtmlNode> {
    let mut out = Vec::new();
    let mut child = node.first_child();
    while let Some(current) = child {
        if let Some(converted) = convert(&current, depth) {
            out.push(converted);
        }
        child = current.next_sibling();
    }
    out
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

/// The attributes the import reads: the [`KEPT_ATTRIBUTES`] as written, the `class` tokens it
/// reads (a code block's `language-…`, the note classes), and a centred `style` reported as
/// `align="center"`. No other part of `class` or `style` leaves the document.
fn attributes(element: &Element) -> Vec<(String, String)> {
    let mut attrs: Vec<(String, String)> = KEPT_ATTRIBUTES
        .iter()
        .filter_map(|name| element.get_attribute(name).map(|v| ((*name).to_owned(), v)))
        .collect();
    if let Some(class) = element.get_attribute("class") {
        let kept: Vec<&str> = class
            .split_ascii_whitespace()
            .filter(|c| {
                c.starts_with("language-") || c.starts_with("lang-") || NOTE_CLASSES.contains(c)
            })
            .collect();
        if !kept.is_empty() {
            attrs.push(("class".to_owned(), kept.join(" ")));
        }
    }
    if element.get_attribute("align").is_none() {
        let centred = element.get_attribute("style").is_some_and(|style| {
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

fn convert(node: &Node, depth: usize) -> Option<HtmlNode> {
    match node.node_type() {
        Node::TEXT_NODE | Node::CDATA_SECTION_NODE => node.node_value().map(HtmlNode::Text),
        Node::ELEMENT_NODE => {
            let element: &Element = node.dyn_ref()?;
            let local = element.local_name().to_ascii_lowercase();
            // SVG and MathML elements keep a prefix, so that however innocent their local name
            // looks (`svg:a`, `math:style`) the import never takes them for HTML: it drops SVG,
            // and reads a MathML formula only as text from its `math:math` root.
            let tag = match element.namespace_uri().as_deref() {
                Some(XHTML) | None => local,
                Some(ns) if ns.ends_with("/svg") => format!("svg:{local}"),
                Some(_) => format!("math:{local}"),
            };
            let attrs = attributes(element);
            let children = if depth >= MAX_DEPTH {
                // Too deep to follow: keep the words, lose the structure.
                vec![HtmlNode::Text(flat_text(node))]
            } else {
                children_of(node, depth + 1)
            };
            Some(HtmlNode::Element {
                tag,
                attrs,
                children,
            })
        }
        // Comments, processing instructions, doctypes: not content.
        _ => None,
    }
}

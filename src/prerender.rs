//! Prerendered pages: an article JSON turned into a complete static HTML page by the same Yew
//! components the browser runs, through Yew's server-side rendering (feature `prerender`,
//! native builds only; the `prerender` command in `src/bin/prerender.rs` is its front end).
//!
//! A page is readable with JavaScript off: the whole article (breadcrumb, headline, meta line,
//! body, related reading, sidebar) is in its markup, exactly as a standalone reader shows it
//! once every slice of the body is on the page, under the same style sheets and the same
//! Content-Security-Policy as `index.html`. Its head carries the article's title, a
//! `<meta name="description">` and schema.org `NewsArticle` JSON-LD for search engines.
//!
//! What the browser's reader would ask its document (the page's address, its element id
//! prefix) is given as a [`StaticPage`] context, and addresses are resolved by the `url` crate
//! under the same policy (see `components::link`). Articles whose body is CMS HTML
//! (`bodyHtml`) are not prerendered: their import walks a tree built by the browser's own HTML
//! parser, which a native build does not have, so they are refused with
//! [`PrerenderError::HtmlBody`] and a batch skips them (they still read in the browser).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc;

use serde_json::{json, Map, Value};
use yew::prelude::*;
use yew::LocalServerRenderer;

use crate::article::{document_from_value, parse_article, Article, ArticleError, Block, Document};
use crate::components::hooks::DocumentRole;
use crate::components::link::safe_url;
use crate::components::page::{ArticlePage, BODY_ID};
use crate::components::zh_switch::use_zh_switch;
use crate::components::{ArticleRef, StaticPage};
use crate::font_scale::TextSize;
use crate::i18n::Lang;
use crate::limits::{check_article, Limits};
use crate::state::{slice_plan, BodyProgress, Extent};
use crate::url_policy::UrlUse;

/// The Content-Security-Policy of `index.html`, word for word: a prerendered page runs under
/// the same policy as the standalone reader (a test compares the two).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: http:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/// The element id prefix of a prerendered body: the one the first reader of a browser document
/// takes, so that the Wasm reader taking the page over renders the same ids.
pub const ID_PREFIX: &str = "ar1";

/// The longest `<meta name="description">`, in characters: about what search results show.
pub const DESCRIPTION_CHARS: usize = 160;

/// How a page is put together, beyond its article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// The absolute address the page will be published at. Relative addresses in the article
    /// resolve against it, as they would against the page in a browser; without it they (and
    /// in-page footnote links) render as text.
    pub address: Option<String>,
    /// What the style sheet, icon and script addresses start with: `/` when the pages are
    /// served from the same site root as the reader's build (`dist/`).
    pub assets: String,
    /// Where the article's JSON is published, if it is. The page then loads
    /// `static/prerendered.js`, which hands the page over to the live reader once that has
    /// rendered the same article from this address (T+ / T-, printing); without it the page
    /// has no script at all.
    pub article: Option<String>,
}

/// Why an article was not prerendered.
#[derive(Debug)]
pub enum PrerenderError {
    /// The JSON is not an article the reader accepts (the same message the reader shows).
    Article(ArticleError),
    /// The body is CMS HTML (`bodyHtml`), which only the browser's HTML parser can import.
    HtmlBody,
    /// The document is a channel page (a list of articles), not an article.
    Channel,
    /// Reading the article or writing the page failed.
    Io(std::io::Error),
    /// The rendering task ended without a page (a panic in a worker thread).
    Lost,
}

impl PrerenderError {
    /// Whether the article is one this command leaves to the browser, rather than a broken
    /// one: a batch skips such files and still succeeds.
    pub fn is_unsupported(&self) -> bool {
        matches!(self, PrerenderError::HtmlBody | PrerenderError::Channel)
    }
}

impl std::fmt::Display for PrerenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrerenderError::Article(e) => write!(f, "{e}"),
            PrerenderError::HtmlBody => f.write_str(
                "the body is CMS HTML (bodyHtml), which only a browser can import: not prerendered, the page reads in the reader",
            ),
            PrerenderError::Channel => {
                f.write_str("a channel page, not an article: not prerendered, it reads in the reader")
            }
            PrerenderError::Io(e) => write!(f, "{e}"),
            PrerenderError::Lost => f.write_str("the rendering task stopped without a page"),
        }
    }
}

impl std::error::Error for PrerenderError {}

/// Props of [`Prerendered`].
#[derive(Properties, PartialEq)]
pub struct PrerenderedProps {
    /// The article, its body already in blocks.
    pub article: ArticleRef,
    /// What the page would otherwise ask its document.
    pub page: StaticPage,
}

/// What `components::reader::Reader` renders once the article is ready and every slice of its
/// body is shown, for a standalone page (interface in Chinese until the article says
/// otherwise): the reader root with its language, direction and `data-state="ready"`, and the
/// article page inside it, with the same slices so that the markup is the same.
#[function_component]
pub fn Prerendered(props: &PrerenderedProps) -> Html {
    let article = &props.article;
    let fallback = Lang::Zh.tag();
    // The page carries the 繁/简 switch as the live reader renders it (in the original script:
    // a prerendered page remembers nothing), so that the reader taking the page over finds
    // the same markup.
    let zh = use_zh_switch(DocumentRole::Embedded, Some(article.0.clone()), fallback);
    let tag = AttrValue::from(article.language_or(fallback).to_owned());
    let dir = article.direction_or(fallback);
    let plan: Rc<[_]> = slice_plan(&article.body).into();
    let progress = BodyProgress {
        slices: plan.len(),
        plan,
        extent: Extent::Whole,
        load: 0,
    };
    html! {
        <ContextProvider<StaticPage> context={props.page.clone()}>
            <div class={classes!("article-reader", TextSize::default().scale().class())}
                 lang={tag} dir={dir.as_str()} data-state="ready">
                <ArticlePage article={article.clone()} size={TextSize::default()}
                    on_size={Callback::noop()}
                    progress={Some(progress)} zh_switch={zh.switch}
                    body_id={AttrValue::Static(BODY_ID)} />
            </div>
        </ContextProvider<StaticPage>>
    }
}

/// An article from JSON text, as the reader would accept it, ready to prerender: within the
/// default limits, and with its body in blocks.
pub fn article_for_page(json: &str) -> Result<Article, PrerenderError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let article = match serde_json::from_str::<Value>(json) {
        Ok(value) => match document_from_value(value).map_err(PrerenderError::Article)? {
            Document::Article(article) => *article,
            Document::Channel(_) => return Err(PrerenderError::Channel),
        },
        // Not JSON: parsed again the reader's one way, so that the message is the same.
        Err(_) => parse_article(json).map_err(PrerenderError::Article)?,
    };
    if article.body_html.is_some() {
        return Err(PrerenderError::HtmlBody);
    }
    check_article(&article, &Limits::default())
        .map_err(|e| PrerenderError::Article(ArticleError::Limit(e)))?;
    Ok(article)
}

/// The whole page for the article in `json`. Runs the rendering on the current thread, so it
/// must be called inside Yew's runtime (see [`prerender`], which does that).
pub async fn render_page(json: &str, options: &PageOptions) -> Result<String, PrerenderError> {
    let article = Rc::new(article_for_page(json)?);
    let head = head(&article, options);
    let props = PrerenderedProps {
        article: ArticleRef(article.clone()),
        page: StaticPage {
            address: options.address.as_deref().map(Rc::from),
            id_prefix: ID_PREFIX.into(),
        },
    };
    let mut page = String::with_capacity(json.len().saturating_mul(2));
    page.push_str(&head);
    match &options.article {
        Some(src) => {
            let _ = write!(
                page,
                "<body>\n<main id=\"app\" data-article=\"{}\">",
                escape(src)
            );
        }
        None => page.push_str("<body>\n<main id=\"app\">"),
    }
    // Not hydratable: Yew's hydration markers would only matter to a Yew app hydrating this
    // exact tree, and they cost bytes on every page.
    LocalServerRenderer::<Prerendered>::with_props(props)
        .hydratable(false)
        .render_to_string(&mut page)
        .await;
    page.push_str("</main>\n</body>\n</html>\n");
    Ok(page)
}

/// [`render_page`] on Yew's runtime (a worker thread), waiting for the page.
pub fn prerender(json: String, options: PageOptions) -> Result<String, PrerenderError> {
    let (send, receive) = mpsc::channel();
    yew::platform::Runtime::default().spawn_pinned(move || async move {
        let _ = send.send(render_page(&json, &options).await);
    });
    receive.recv().unwrap_or(Err(PrerenderError::Lost))
}

/// The document up to its `<body>`: the same head as `index.html` (character set, viewport,
/// policy, icon, style sheets) with the article's title, description, canonical address and
/// JSON-LD; the takeover script only when the article's JSON is published (see
/// [`PageOptions::article`]): the page is complete without it.
pub fn head(article: &Article, options: &PageOptions) -> String {
    let fallback = Lang::Zh.tag();
    let assets = &options.assets;
    let mut out = String::with_capacity(2048);
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n",
        lang = escape(article.language_or(fallback)),
        csp = escape(CSP),
        title = escape(&article.headline),
        description = escape(&description(article)),
    );
    if let Some(canonical) = canonical(article, options) {
        let _ = writeln!(
            out,
            "<link rel=\"canonical\" href=\"{}\">",
            escape(&canonical)
        );
    }
    if options.article.is_some() {
        let _ = writeln!(
            out,
            "<script type=\"module\" src=\"{}static/prerendered.js\"></script>",
            escape(assets)
        );
    }
    let _ = write!(
        out,
        "<link rel=\"icon\" href=\"{a}favicon.svg\">\n\
         <link rel=\"stylesheet\" href=\"{a}article-reader.css\">\n\
         <link rel=\"stylesheet\" href=\"{a}standalone.css\">\n\
         <script type=\"application/ld+json\">{ld}</script>\n</head>\n",
        a = escape(assets),
        ld = json_ld_text(&json_ld(article, options)),
    );
    out
}

/// The article's own address (`url`), absolute and allowed by the URL policy, else the page's.
fn canonical(article: &Article, options: &PageOptions) -> Option<String> {
    let base = options.address.as_deref().unwrap_or("about:blank");
    article
        .url
        .as_deref()
        .and_then(|url| safe_url(url, UrlUse::Link, base))
        .or_else(|| options.address.clone())
}

/// The description: the body's opening paragraphs as plain text, whitespace collapsed, cut at
/// [`DESCRIPTION_CHARS`] characters (with an ellipsis); the headline when the body has no
/// paragraph text.
pub fn description(article: &Article) -> String {
    let mut text = String::new();
    for block in &article.body {
        if text.chars().count() > DESCRIPTION_CHARS {
            break;
        }
        if let Block::Paragraph(paragraph) = block {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&paragraph.content.plain_text());
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let text = if words.is_empty() {
        article
            .headline
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        words.join(" ")
    };
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(DESCRIPTION_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The schema.org `NewsArticle` for search engines: what the article says about itself, every
/// address under the URL policy.
pub fn json_ld(article: &Article, options: &PageOptions) -> Value {
    let base = options.address.as_deref().unwrap_or("about:blank");
    let person = |name: &str, url: Option<&str>| {
        let mut p = Map::new();
        p.insert("@type".into(), "Person".into());
        p.insert("name".into(), name.into());
        if let Some(url) = url.and_then(|u| safe_url(u, UrlUse::Link, base)) {
            p.insert("url".into(), url.into());
        }
        Value::Object(p)
    };
    let mut ld = Map::new();
    ld.insert("@context".into(), "https://schema.org".into());
    ld.insert("@type".into(), "NewsArticle".into());
    ld.insert("headline".into(), article.headline.clone().into());
    ld.insert("description".into(), description(article).into());
    if let Some(lang) = &article.in_language {
        ld.insert("inLanguage".into(), lang.clone().into());
    }
    if let Some(date) = &article.date_published {
        ld.insert("datePublished".into(), date.clone().into());
    }
    if let Some(date) = &article.date_modified {
        ld.insert("dateModified".into(), date.clone().into());
    }
    if let Some(url) = canonical(article, options) {
        ld.insert("url".into(), url.clone().into());
        ld.insert("mainEntityOfPage".into(), url.into());
    }
    if !article.author.is_empty() {
        let authors = article
            .author
            .iter()
            .map(|a| person(&a.name, a.url.as_deref()))
            .collect();
        ld.insert("author".into(), Value::Array(authors));
    }
    if let Some(editor) = &article.editor {
        ld.insert("editor".into(), person(&editor.name, editor.url.as_deref()));
    }
    if let Some(source) = &article.source_organization {
        let mut org = json!({ "@type": "Organization", "name": source.name });
        if let (Some(url), Value::Object(map)) = (
            source
                .url
                .as_deref()
                .and_then(|u| safe_url(u, UrlUse::Link, base)),
            &mut org,
        ) {
            map.insert("url".into(), url.into());
        }
        ld.insert("sourceOrganization".into(), org);
    }
    let images: Vec<Value> = article
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Image(image) => safe_url(&image.src, UrlUse::Image, base),
            _ => None,
        })
        .map(Value::from)
        .collect();
    if !images.is_empty() {
        ld.insert("image".into(), Value::Array(images));
    }
    Value::Object(ld)
}

/// JSON-LD as the text of a `<script>` element: JSON in which `<`, `>` and `&` are written
/// as `\u003c`, `\u003e` and `\u0026`. JSON only has those characters inside strings, where
/// the escapes mean the same, so the text parses to the same value, and no `</script>` or
/// `<!--` in content can end or change the element.
pub fn json_ld_text(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// Text for HTML: in an attribute value (always double-quoted here, so `'` may stay) or
/// between tags.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The address of the page for `file` (`name.json` becomes `name.html`) in a folder published
/// at `base` (an absolute address; a missing final `/` is added), if that resolves.
pub fn page_address(base: &str, file: &Path) -> Option<String> {
    let name = page_name(file)?;
    let base = if base.ends_with('/') {
        base.to_owned()
    } else {
        format!("{base}/")
    };
    let url = url::Url::parse(&base).ok()?.join(&name).ok()?;
    Some(url.into())
}

/// The address of `file` in a folder published at `base` (absolute, or relative such as
/// `/static/articles/`; a missing final `/` is added).
pub fn file_address(base: &str, file: &Path) -> Option<String> {
    let name = file.file_name()?.to_str()?;
    let slash = if base.ends_with('/') { "" } else { "/" };
    Some(format!("{base}{slash}{name}"))
}

/// `name.html` for `name.json`.
pub fn page_name(file: &Path) -> Option<String> {
    Some(format!("{}.html", file.file_stem()?.to_str()?))
}

/// What became of one file of a batch.
#[derive(Debug)]
pub struct BatchItem {
    /// The article file.
    pub input: PathBuf,
    /// Its bytes, and the page's, or why there is no page.
    pub result: Result<(u64, u64), PrerenderError>,
}

/// Where a batch reads and writes, and how its pages are put together.
#[derive(Clone, Debug)]
pub struct Batch {
    /// The folder of article JSON files (`*.json`, not its subfolders).
    pub input: PathBuf,
    /// The folder the pages go to (created if missing), one `name.html` per `name.json`.
    pub output: PathBuf,
    /// The address the output folder will be published at, if known (see
    /// [`PageOptions::address`]).
    pub base: Option<String>,
    /// See [`PageOptions::assets`].
    pub assets: String,
    /// The address the input folder is published at, if it is (see [`PageOptions::article`]).
    pub json_base: Option<String>,
    /// How many pages are rendered at once (each on one of Yew's worker threads).
    pub jobs: usize,
}

/// Prerenders every article in a folder, `jobs` at a time, and says what became of each file,
/// in name order. Only a folder that cannot be read or written fails the whole batch.
pub fn prerender_folder(batch: &Batch) -> std::io::Result<Vec<BatchItem>> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&batch.input)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .collect();
    inputs.sort();
    std::fs::create_dir_all(&batch.output)?;
    let runtime = yew::platform::Runtime::builder()
        .worker_threads(batch.jobs.max(1))
        .build()?;
    let (send, receive) = mpsc::channel::<(usize, Result<(u64, u64), PrerenderError>)>();
    let spawn = |index: usize, input: &Path| {
        let send = send.clone();
        let input = input.to_owned();
        let output = page_name(&input).map(|name| batch.output.join(name));
        let options = PageOptions {
            address: batch
                .base
                .as_deref()
                .and_then(|base| page_address(base, &input)),
            assets: batch.assets.clone(),
            article: batch
                .json_base
                .as_deref()
                .and_then(|base| file_address(base, &input)),
        };
        runtime.spawn_pinned(move || async move {
            let result = async {
                let json = std::fs::read_to_string(&input).map_err(PrerenderError::Io)?;
                let page = render_page(&json, &options).await?;
                let output = output.ok_or_else(|| {
                    PrerenderError::Io(std::io::Error::other("the file name is not UTF-8"))
                })?;
                std::fs::write(&output, &page).map_err(PrerenderError::Io)?;
                Ok((json.len() as u64, page.len() as u64))
            }
            .await;
            let _ = send.send((index, result));
        });
    };
    // A window of `jobs` pages in flight (two per worker, so none waits idle for the next),
    // not the whole folder at once: memory stays that of a few articles however big the
    // archive.
    let window = batch.jobs.max(1).saturating_mul(2);
    let mut next = 0;
    while next < inputs.len().min(window) {
        if let Some(input) = inputs.get(next) {
            spawn(next, input);
        }
        next += 1;
    }
    let mut results: Vec<Option<Result<(u64, u64), PrerenderError>>> =
        inputs.iter().map(|_| None).collect();
    for _ in 0..inputs.len() {
        let Ok((index, result)) = receive.recv() else {
            break;
        };
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(result);
        }
        if let Some(input) = inputs.get(next) {
            spawn(next, input);
            next += 1;
        }
    }
    Ok(inputs
        .into_iter()
        .zip(results)
        .map(|(input, result)| BatchItem {
            input,
            result: result.unwrap_or(Err(PrerenderError::Lost)),
        })
        .collect())
}

//! Which links a reader follows itself: the rules of client-side navigation, in pure Rust.
//!
//! The standalone page is a single-page app. A link to another of its own pages (the same
//! path with another `?article=`) is shown by the same reader, without a document load, and
//! the address bar follows it through the History API, so that the address can be shared and
//! Back and Forward work. An embedded reader follows links only when its host opts in
//! (`navigation: "reader"`), and then without touching the host's address. Everything else
//! stays an ordinary link that the browser follows: other sites, other paths, links opened in
//! a new tab or window, downloads, and fragments of the page being read.
//!
//! `crate::components::navigation` reads the browser's URL parser and events and asks here.

/// How a reader treats a link to another article or channel page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Navigation {
    /// A link is a link: the browser loads the page it leads to. The default for embedded
    /// readers, whose host owns the page and its address.
    #[default]
    Links,
    /// The reader shows the linked article itself and leaves the page's address alone (an
    /// embedded reader whose host opted in), with a back button of its own.
    InReader,
    /// The reader shows the linked article itself and the address bar follows (the standalone
    /// page).
    History,
}

impl Navigation {
    /// The mount option's value: `"links"` (the default) or `"reader"`. The address-bar mode
    /// belongs to the standalone page and is not a host's to choose.
    pub fn from_option(value: &str) -> Option<Navigation> {
        match value {
            "links" => Some(Navigation::Links),
            "reader" => Some(Navigation::InReader),
            _ => None,
        }
    }
}

/// An address as the browser's URL parser split it, with its `?article=` parameter decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place<'a> {
    /// `https://news.example`, or `null` for opaque origins.
    pub origin: &'a str,
    /// `/` or `/reader/index.html`.
    pub pathname: &'a str,
    /// The query with its `?`, or empty.
    pub search: &'a str,
    /// The fragment with its `#`, or empty.
    pub hash: &'a str,
    /// The decoded value of the `article` parameter, if there is one.
    pub article: Option<&'a str>,
}

/// What a click did, as far as the choice between the reader and the browser goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Click<'a> {
    /// The mouse button: 0 is the main one (a tap or a keyboard activation is 0 too).
    pub button: i16,
    /// Whether Ctrl, Meta, Shift or Alt was held: each asks the browser for something of its
    /// own (a new tab, a new window, a download).
    pub modified: bool,
    /// Whether something else already handled the click.
    pub default_prevented: bool,
    /// The link's `target` attribute.
    pub target: Option<&'a str>,
    /// Whether the link has a `download` attribute.
    pub download: bool,
}

impl Click<'_> {
    /// Whether the click asks for the link to open in this browsing context, the only case the
    /// reader may take over: anything else is the reader's choice of how to open a link, and
    /// it is never the reader's to refuse.
    pub fn opens_here(&self) -> bool {
        self.button == 0
            && !self.modified
            && !self.default_prevented
            && !self.download
            && self
                .target
                .is_none_or(|t| t.is_empty() || t.eq_ignore_ascii_case("_self"))
    }
}

/// What the reader does with a followed link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The browser follows it, as any link.
    Browser,
    /// The reader shows the document named by the link's `?article=` value (`None`: the home
    /// article, for the standalone page's own address without one).
    Follow(Option<String>),
    /// The link is the page being shown: nothing to load; the reader only returns to the top.
    Current,
}

/// Decides what a plain click (see [`Click::opens_here`]) on a link to `link` does in a reader
/// on page `page`, under `mode`. `article_origin` is the origin the shown article came from,
/// whose reader links an embedded reader may follow too.
pub fn decide(
    link: &Place<'_>,
    page: &Place<'_>,
    article_origin: Option<&str>,
    mode: Navigation,
) -> Decision {
    match mode {
        Navigation::Links => Decision::Browser,
        Navigation::History => {
            if link.origin != page.origin || link.origin == "null" || link.pathname != page.pathname
            {
                return Decision::Browser;
            }
            if link.search == page.search {
                // Only the fragment can differ: the browser scrolls to it (and a link to the
                // very page being read goes back to its top).
                return if link.hash.is_empty() {
                    Decision::Current
                } else {
                    Decision::Browser
                };
            }
            Decision::Follow(crate::options::standalone_param(
                link.article.map(str::to_owned),
            ))
        }
        Navigation::InReader => {
            let ours = link.origin != "null"
                && (link.origin == page.origin || article_origin == Some(link.origin));
            match crate::options::standalone_param(link.article.map(str::to_owned)) {
                Some(article) if ours => Decision::Follow(Some(article)),
                _ => Decision::Browser,
            }
        }
    }
}

/// The longest in-reader back trail an embedded reader keeps: enough for any reading session,
/// and bounded so that a reader paging for hours keeps a fixed amount of memory.
pub const MAX_TRAIL: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: Place<'static> = Place {
        origin: "https://news.example",
        pathname: "/",
        search: "?article=static/articles/seed.json",
        hash: "",
        article: Some("static/articles/seed.json"),
    };

    fn link(
        origin: &'static str,
        pathname: &'static str,
        article: Option<&'static str>,
    ) -> Place<'static> {
        Place {
            origin,
            pathname,
            search: match article {
                Some("static/articles/seed.json") => "?article=static/articles/seed.json",
                Some(_) => "?article=other",
                None => "",
            },
            hash: "",
            article,
        }
    }

    fn plain() -> Click<'static> {
        Click {
            button: 0,
            modified: false,
            default_prevented: false,
            target: None,
            download: false,
        }
    }

    #[test]
    fn only_a_plain_click_opening_here_is_taken_over() {
        assert!(plain().opens_here());
        assert!(Click {
            target: Some("_self"),
            ..plain()
        }
        .opens_here());
        assert!(Click {
            target: Some("_SELF"),
            ..plain()
        }
        .opens_here());
        assert!(Click {
            target: Some(""),
            ..plain()
        }
        .opens_here());
        assert!(
            !Click {
                button: 1,
                ..plain()
            }
            .opens_here(),
            "middle button: new tab"
        );
        assert!(!Click {
            modified: true,
            ..plain()
        }
        .opens_here());
        assert!(!Click {
            default_prevented: true,
            ..plain()
        }
        .opens_here());
        assert!(!Click {
            target: Some("_blank"),
            ..plain()
        }
        .opens_here());
        assert!(!Click {
            target: Some("other-frame"),
            ..plain()
        }
        .opens_here());
        assert!(!Click {
            download: true,
            ..plain()
        }
        .opens_here());
    }

    #[test]
    fn plain_links_mode_leaves_every_link_to_the_browser() {
        let other = link("https://news.example", "/", Some("static/articles/b.json"));
        assert_eq!(
            decide(&other, &PAGE, None, Navigation::Links),
            Decision::Browser
        );
    }

    #[test]
    fn the_standalone_page_follows_its_own_pages() {
        let other = link("https://news.example", "/", Some("static/articles/b.json"));
        assert_eq!(
            decide(&other, &PAGE, None, Navigation::History),
            Decision::Follow(Some("static/articles/b.json".into()))
        );
        // The home address (no parameter, or a blank one) is the home article.
        let home = link("https://news.example", "/", None);
        assert_eq!(
            decide(&home, &PAGE, None, Navigation::History),
            Decision::Follow(None)
        );
        let blank = Place {
            search: "?article=",
            article: Some(" "),
            ..home
        };
        assert_eq!(
            decide(&blank, &PAGE, None, Navigation::History),
            Decision::Follow(None)
        );
    }

    #[test]
    fn the_standalone_page_leaves_other_sites_and_paths_to_the_browser() {
        let elsewhere = link("https://other.example", "/", Some("static/articles/b.json"));
        assert_eq!(
            decide(&elsewhere, &PAGE, None, Navigation::History),
            Decision::Browser
        );
        let other_path = link(
            "https://news.example",
            "/archive/",
            Some("static/articles/b.json"),
        );
        assert_eq!(
            decide(&other_path, &PAGE, None, Navigation::History),
            Decision::Browser
        );
        let opaque = Place {
            origin: "null",
            ..link("null", "/", Some("b.json"))
        };
        let opaque_page = Place {
            origin: "null",
            ..PAGE
        };
        assert_eq!(
            decide(&opaque, &opaque_page, None, Navigation::History),
            Decision::Browser,
            "opaque origins are never equal to anything, even each other"
        );
    }

    #[test]
    fn fragments_of_the_page_being_read_stay_the_browsers() {
        let fragment = Place {
            hash: "#section-2",
            ..PAGE
        };
        assert_eq!(
            decide(&fragment, &PAGE, None, Navigation::History),
            Decision::Browser
        );
        assert_eq!(
            decide(&PAGE, &PAGE, None, Navigation::History),
            Decision::Current
        );
    }

    #[test]
    fn an_embedded_reader_follows_reader_links_of_the_page_or_the_articles_site() {
        let host = Place {
            origin: "https://host.example",
            pathname: "/blog/post.html",
            search: "",
            hash: "",
            article: None,
        };
        let same_site = link("https://host.example", "/", Some("static/articles/b.json"));
        assert_eq!(
            decide(&same_site, &host, None, Navigation::InReader),
            Decision::Follow(Some("static/articles/b.json".into()))
        );
        let article_site = link("https://news.example", "/", Some("static/articles/b.json"));
        assert_eq!(
            decide(&article_site, &host, None, Navigation::InReader),
            Decision::Browser
        );
        assert_eq!(
            decide(
                &article_site,
                &host,
                Some("https://news.example"),
                Navigation::InReader
            ),
            Decision::Follow(Some("static/articles/b.json".into()))
        );
        // A link with no article to show is a page of the site: the browser's.
        let page_of_site = link("https://host.example", "/about.html", None);
        assert_eq!(
            decide(&page_of_site, &host, None, Navigation::InReader),
            Decision::Browser
        );
    }

    #[test]
    fn navigation_options_are_named() {
        assert_eq!(Navigation::from_option("links"), Some(Navigation::Links));
        assert_eq!(
            Navigation::from_option("reader"),
            Some(Navigation::InReader)
        );
        assert_eq!(Navigation::from_option("history"), None);
        assert_eq!(Navigation::from_option("Reader"), None);
    }
}

//! Interface labels, chosen by the article's language.
//!
//! The seed page's Chinese labels (您的位置, 发布时间, 来源, 打印, T+, T-, 责编, 相关阅读, 更多>>) are the
//! reader's primary interface; an article in any other language gets English ones, so an
//! English article does not wear a Chinese frame. The strings are constants compiled into the
//! binary, never content, so they are trusted text.

/// Every piece of interface text the reader shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// Whether these are the Chinese labels (error summaries follow the same choice).
    pub chinese: bool,
    /// Lead-in and accessible name of the breadcrumb navigation.
    pub you_are_here: &'static str,
    /// Lead-in of the publication time.
    pub published: &'static str,
    /// Lead-in of the source.
    pub source: &'static str,
    /// Lead-in of the author list.
    pub author: &'static str,
    /// The print button.
    pub print: &'static str,
    /// Accessible name of the print button.
    pub print_name: &'static str,
    /// Accessible name of the toolbar.
    pub toolbar_name: &'static str,
    /// Accessible name of the T+ button. It starts with the visible "T+" so that voice control
    /// ("click T plus") finds it (WCAG 2.5.3, label in name).
    pub bigger_name: &'static str,
    /// Accessible name of the T- button.
    pub smaller_name: &'static str,
    /// Lead-in of the current text size, e.g. 字号 100%.
    pub text_size: &'static str,
    /// The editor line's label, as in (责编: 陈建国).
    pub editor: &'static str,
    /// Title of the related-reading list.
    pub related: &'static str,
    /// Shown when the related list is empty.
    pub no_related: &'static str,
    /// Accessible name of the sidebar.
    pub sidebar_name: &'static str,
    /// The "more" link text.
    pub more: &'static str,
    /// Prefix of each "more" link's accessible name (更多 + the block's title).
    pub more_name: &'static str,
    /// The loading message.
    pub loading: &'static str,
    /// Title of the error panel.
    pub error_title: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Accessible name of a scrollable table that has no caption.
    pub table: &'static str,
    /// Shown when a link or image address was refused by the URL policy.
    pub blocked_image: &'static str,
}

/// Chinese labels, as on the seed page.
pub const ZH: Labels = Labels {
    chinese: true,
    you_are_here: "您的位置",
    published: "发布时间",
    source: "来源",
    author: "作者",
    print: "打印",
    print_name: "打印本文",
    toolbar_name: "阅读工具",
    bigger_name: "T+ 放大字号",
    smaller_name: "T- 缩小字号",
    text_size: "字号",
    editor: "责编",
    related: "相关阅读",
    no_related: "暂无相关文章",
    sidebar_name: "栏目推荐",
    more: "更多>>",
    more_name: "更多",
    loading: "正在加载文章…",
    error_title: "文章加载失败",
    retry: "重试",
    table: "表格",
    blocked_image: "图片地址不安全，已略去",
};

/// English labels for articles in any other language.
pub const EN: Labels = Labels {
    chinese: false,
    you_are_here: "You are here",
    published: "Published",
    source: "Source",
    author: "By",
    print: "Print",
    print_name: "Print this article",
    toolbar_name: "Reading tools",
    bigger_name: "T+ larger text",
    smaller_name: "T- smaller text",
    text_size: "Text size",
    editor: "Editor",
    related: "Related reading",
    no_related: "No related articles",
    sidebar_name: "More from the site",
    more: "More>>",
    more_name: "More: ",
    loading: "Loading the article…",
    error_title: "The article could not be loaded",
    retry: "Retry",
    table: "Table",
    blocked_image: "Image omitted: its address is not allowed",
};

/// Labels for a BCP 47 language tag: Chinese for `zh` and its subtags, English otherwise.
pub fn labels_for(lang: &str) -> &'static Labels {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("zh") {
        &ZH
    } else {
        &EN
    }
}

/// The separator between a label and its value: the seed page writes `发布时间: ` with an ASCII
/// colon and a space, and so does the English page.
pub const COLON: &str = ": ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_tags_get_the_seed_labels() {
        for tag in ["zh", "zh-CN", "ZH-cn", "zh_TW", "zh-Hans-CN"] {
            assert_eq!(labels_for(tag).you_are_here, "您的位置", "{tag}");
        }
        assert_eq!(ZH.more, "更多>>");
        assert_eq!(ZH.related, "相关阅读");
    }

    #[test]
    fn other_tags_get_english() {
        for tag in ["en", "en-GB", "", "bo", "zhx"] {
            assert_eq!(labels_for(tag).print, "Print", "{tag}");
        }
    }
}

//! The interface language and every piece of interface text, chosen by the article's language.
//!
//! The seed page's Chinese labels (您的位置, 发布时间, 来源, 打印, T+, T-, 责编, 相关阅读, 更多>>) are the
//! reader's primary interface; an article in any other language gets English ones, so an
//! English article does not wear a Chinese frame. [`Lang`] is the one place that choice is made;
//! the strings are constants compiled into the binary, never content, so they are trusted text.
//! (The technical detail under an error summary is English in every language: see
//! `crate::load`.)

use crate::limits::{LimitError, LimitKind};

/// An interface language: the reader speaks Chinese to Chinese articles and English to the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Chinese, the reader's primary audience and so the language before any article is known.
    #[default]
    Zh,
    /// English, for articles in any other language.
    En,
}

impl Lang {
    /// The interface language for a BCP 47 language tag: Chinese for `zh` and its subtags,
    /// English otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language tag of the interface text, for a `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Every label in this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Every piece of interface text the reader shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// The language these labels are in (error summaries follow the same choice).
    pub lang: Lang,
    /// Lead-in and accessible name of the breadcrumb navigation.
    pub you_are_here: &'static str,
    /// Lead-in of the publication time.
    pub published: &'static str,
    /// Lead-in of the time the article was last changed.
    pub modified: &'static str,
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
    /// Lead-in of the address an error is about, so that it reads as an address and not as
    /// something the site says.
    pub requested_address: &'static str,
    /// Accessible name of a scrollable table that has no caption.
    pub table: &'static str,
    /// Shown when a link or image address was refused by the URL policy.
    pub blocked_image: &'static str,
    /// The link on a video or audio card to where it plays.
    pub play_original: &'static str,
    /// The link on any other embed card (a map, a poll) to where it is shown.
    pub view_original: &'static str,
    /// Accessible name of an embedded player frame that has no title.
    pub embedded_player: &'static str,
    /// The label of an editor's note (编者按).
    pub editors_note: &'static str,
    /// The label of a correction (更正).
    pub correction: &'static str,
    /// The label of an update.
    pub update: &'static str,
    /// Accessible name of the footnotes list.
    pub footnotes: &'static str,
    /// Accessible name of a footnote's link back to where it is referenced.
    pub footnote_back: &'static str,
    /// Accessible name of a channel page's list of articles.
    pub channel_list: &'static str,
    /// Shown when a channel page lists no articles.
    pub channel_empty: &'static str,
    /// Accessible name of a channel's page links.
    pub pages_name: &'static str,
    /// The link to a channel's previous page.
    pub previous_page: &'static str,
    /// The link to a channel's next page.
    pub next_page: &'static str,
    /// Page `n` of a channel: the text before and after the number.
    pub page_number: (&'static str, &'static str),
    /// Page `n` of `count`: the text between the two numbers and after the count.
    pub page_of: (&'static str, &'static str),
    /// Accessible name of the links to an article's neighbours.
    pub neighbours_name: &'static str,
    /// Lead-in of the link to the article before (上一篇).
    pub previous_article: &'static str,
    /// Lead-in of the link to the article after (下一篇).
    pub next_article: &'static str,
    /// Title of the not-found view.
    pub not_found_title: &'static str,
    /// The not-found view's sentence under its title.
    pub not_found_text: &'static str,
    /// The not-found view's link to the home article.
    pub home: &'static str,
    /// Lead-in of the not-found view's link back to the channel the reader came from.
    pub back_to_channel: &'static str,
    /// The button of an embedded reader that follows links itself, back to the page it
    /// showed before (the host's own Back would leave the host page).
    pub back: &'static str,
    /// One-sentence summaries of why an article could not be shown.
    pub summaries: Summaries,
    /// The share button and its panel.
    pub share: ShareLabels,
    /// The reading time in the meta line: the text before and after the number of minutes.
    pub reading_time: (&'static str, &'static str),
    /// The skip link before the breadcrumb, to the article body.
    pub skip_to_body: &'static str,
    /// The error view's sentence on what to do when retrying does not help.
    pub error_hint: &'static str,
    /// The disclosure that holds the error's technical detail, which is English in every
    /// language (see `crate::load`); the label says so.
    pub technical_detail: &'static str,
    /// The toolbar's reset button and elder-mode switch.
    pub size: SizeLabels,
    /// The read-aloud controls and their messages.
    pub speech: SpeechLabels,
    /// The reading-settings button and its panel.
    pub settings: SettingsLabels,
}

/// The toolbar's reset button and elder-mode switch (`crate::components::toolbar`).
#[derive(Debug, PartialEq, Eq)]
pub struct SizeLabels {
    /// The button that returns the text to its default size.
    pub reset: &'static str,
    /// Its accessible name, which begins with the visible label.
    pub reset_name: &'static str,
    /// The elder-mode switch (长者模式).
    pub elder: &'static str,
}

/// The one-sentence error summaries, one per kind of failure a reader can tell apart.
#[derive(Debug, PartialEq, Eq)]
pub struct Summaries {
    /// The address was refused before or after the request.
    pub bad_address: &'static str,
    /// No HTTP answer at all.
    pub network: &'static str,
    /// The time limit ran out.
    pub timeout: &'static str,
    /// HTTP 404 or 410.
    pub not_found: &'static str,
    /// HTTP 5xx.
    pub server_error: &'static str,
    /// Any other status that is not 2xx.
    pub refused: &'static str,
    /// Not JSON by content type, or not UTF-8.
    pub not_article_data: &'static str,
    /// Over the size limit.
    pub too_large: &'static str,
    /// Malformed JSON.
    pub damaged: &'static str,
    /// A schema version newer than the reader.
    pub newer_version: &'static str,
    /// A field that does not match the schema: the text before and after its JSON path.
    pub schema_at: (&'static str, &'static str),
    /// The host's embedding options are unusable.
    pub bad_options: &'static str,
    /// How a refusal for a limit begins (see [`limit_summary`]).
    pub limit_intro: &'static str,
    /// What each limit counts, in the order of [`LimitKind::ALL`].
    pub limit_words: [LimitWords; LimitKind::ALL.len()],
}

/// The reading-settings button and its panel (`crate::components::settings`). Each list of
/// names follows the order of its setting's `ALL` in `crate::settings`.
#[derive(Debug, PartialEq, Eq)]
pub struct SettingsLabels {
    /// The button that opens the panel.
    pub settings: &'static str,
    /// Accessible name of the open panel.
    pub panel_name: &'static str,
    /// The theme group's legend.
    pub theme: &'static str,
    /// Following the system, light, sepia, dark, high contrast.
    pub theme_names: [&'static str; 5],
    /// Lead-in of the announcement after the theme changes, e.g. 主题已切换为 深色.
    pub theme_changed: &'static str,
    /// The typeface group's legend.
    pub typeface: &'static str,
    /// Sans serif, serif, kai.
    pub typeface_names: [&'static str; 3],
    /// The line-spacing group's legend.
    pub spacing: &'static str,
    /// Compact, standard, loose.
    pub spacing_names: [&'static str; 3],
    /// The line-width group's legend.
    pub width: &'static str,
    /// Narrow, medium, wide.
    pub width_names: [&'static str; 3],
}

/// The share button and its panel (`crate::components::share`).
#[derive(Debug, PartialEq, Eq)]
pub struct ShareLabels {
    /// The button that opens the panel, and the panel's accessible name.
    pub share: &'static str,
    /// The button that copies the article's address.
    pub copy_link: &'static str,
    /// Announced once the address is on the clipboard.
    pub copied: &'static str,
    /// Shown when the browser refused the clipboard, above the address selected for copying.
    pub copy_refused: &'static str,
    /// The label of the read-only field with the address.
    pub address: &'static str,
    /// The button for the browser's own share sheet, where there is one.
    pub native_share: &'static str,
    /// Lead-in of the QR code's accessible name, before the address.
    pub qr_name: &'static str,
    /// The line under the QR code.
    pub qr_hint: &'static str,
    /// Shown instead of a QR code for an address longer than `crate::qr::MAX_BYTES` bytes.
    pub qr_too_long: &'static str,
}

/// The read-aloud controls (`crate::components::read_aloud`) and their messages.
#[derive(Debug, PartialEq, Eq)]
pub struct SpeechLabels {
    /// Accessible name of the group of controls.
    pub group: &'static str,
    /// The button that reads the article from its headline.
    pub read: &'static str,
    /// The button that pauses reading.
    pub pause: &'static str,
    /// The same button while reading is paused.
    pub resume: &'static str,
    /// The button that stops reading.
    pub stop: &'static str,
    /// The click-to-read switch (指读).
    pub point: &'static str,
    /// Accessible description of the click-to-read switch: what pressing a paragraph does.
    pub point_hint: &'static str,
    /// Announced when reading starts.
    pub started: &'static str,
    /// Announced when the reader stops reading.
    pub stopped: &'static str,
    /// Announced when the article has been read to its end.
    pub finished: &'static str,
    /// Shown when the speech engine fails.
    pub failed: &'static str,
    /// Shown when the browser has no voice for the article's language: the text before and
    /// after the language's name.
    pub no_voice: (&'static str, &'static str),
    /// The script or language the names of languages in `no_voice` are written in.
    pub names_in: crate::speech::NameIn,
}

/// How a message names one limit's count (see `crate::limits`).
#[derive(Debug, PartialEq, Eq)]
pub struct LimitWords {
    /// What is counted: 表格单元格, "table cells", "characters in one address".
    pub what: &'static str,
    /// The measure word after a number in Chinese (个, 行, 字节); empty in English, where
    /// `what` itself follows the number.
    pub unit: &'static str,
}

const fn words(what: &'static str, unit: &'static str) -> LimitWords {
    LimitWords { what, unit }
}

/// The summary of an article refused for a limit, in `lang`: what was exceeded in words, the
/// count found, the limit, and the option key (`limits.tableCells`) a host would raise.
pub fn limit_summary(lang: Lang, error: &LimitError) -> String {
    let text = &lang.labels().summaries;
    let LimitWords { what, unit } = error.kind.words(lang);
    let key = error.kind.spec().key;
    let (found, limit) = (error.found, error.limit);
    let total = error.kind.counts_whole_article();
    match lang {
        Lang::Zh => {
            let has = if total { "至少有" } else { "有" };
            format!(
                "{}{what}{has} {found} {unit}，上限为 {limit} {unit}（limits.{key}）。",
                text.limit_intro
            )
        }
        Lang::En => {
            let at_least = if total { "at least " } else { "" };
            format!(
                "{}{at_least}{found} {what}, where at most {limit} are allowed (limits.{key}).",
                text.limit_intro
            )
        }
    }
}

/// Chinese labels, as on the seed page.
pub const ZH: Labels = Labels {
    lang: Lang::Zh,
    you_are_here: "您的位置",
    published: "发布时间",
    modified: "更新时间",
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
    requested_address: "请求的地址",
    retry: "重试",
    table: "表格",
    blocked_image: "图片地址不安全，已略去",
    play_original: "在原网站播放",
    view_original: "在原网站查看",
    embedded_player: "嵌入的内容",
    editors_note: "编者按",
    correction: "更正",
    update: "更新",
    footnotes: "注释",
    footnote_back: "返回正文",
    channel_list: "文章列表",
    channel_empty: "本栏目暂无文章",
    pages_name: "翻页",
    previous_page: "上一页",
    next_page: "下一页",
    page_number: ("第 ", " 页"),
    page_of: (" 页，共 ", " 页"),
    neighbours_name: "上一篇和下一篇",
    previous_article: "上一篇",
    next_article: "下一篇",
    not_found_title: "页面不存在",
    not_found_text: "您要找的文章或栏目不存在，可能已被删除或移动。",
    home: "返回首页",
    back_to_channel: "返回栏目",
    back: "返回上一页",
    summaries: Summaries {
        bad_address: "不能从这个地址加载文章。",
        network: "无法连接到服务器，请检查网络后重试。",
        timeout: "加载超时，请稍后重试。",
        not_found: "找不到这篇文章。",
        server_error: "服务器暂时出错，请稍后重试。",
        refused: "服务器拒绝了请求。",
        not_article_data: "服务器返回的不是文章数据。",
        too_large: "文章数据太大，无法显示。",
        damaged: "文章数据已损坏（不是有效的 JSON）。",
        newer_version: "文章数据的版本过新，本阅读器无法读取。",
        schema_at: ("文章数据不符合格式要求，问题在 ", "。"),
        bad_options: "嵌入阅读器的参数有误。",
        limit_intro: "文章超出了阅读器的限制：",
        // In the order of `LimitKind::ALL`.
        limit_words: [
            words("正文 HTML（bodyHtml）", "字节"),
            words("正文 HTML 的元素", "个"),
            words("内容块", "个"),
            words("列表项", "个"),
            words("表格单元格", "个"),
            words("一个表格", "行"),
            words("一个表格", "列"),
            words("一个段落的文字片段", "个"),
            words("一个地址", "个字符"),
            words("一段文字", "个字符"),
            words("文字片段", "个"),
            words("正文 HTML 的元素嵌套", "层"),
        ],
    },
    share: ShareLabels {
        share: "分享",
        copy_link: "复制链接",
        copied: "链接已复制",
        copy_refused: "浏览器未允许自动复制，请手动复制下面已选中的链接。",
        address: "文章链接",
        native_share: "通过其他应用分享",
        qr_name: "二维码：",
        qr_hint: "用手机扫描二维码，即可在手机或微信中打开本文。",
        qr_too_long: "链接超过 2331 字节，太长，无法生成二维码；请复制链接。",
    },
    settings: SettingsLabels {
        settings: "设置",
        panel_name: "阅读设置",
        theme: "主题",
        theme_names: ["跟随系统", "浅色", "米黄", "深色", "高对比度"],
        theme_changed: "主题已切换为",
        typeface: "字体",
        typeface_names: ["黑体", "宋体", "楷体"],
        spacing: "行距",
        spacing_names: ["紧凑", "标准", "宽松"],
        width: "行宽",
        width_names: ["窄", "中", "宽"],
    },
    speech: SpeechLabels {
        group: "朗读",
        read: "朗读",
        pause: "暂停",
        resume: "继续",
        stop: "停止",
        point: "指读",
        point_hint: "打开后，点按哪一段就朗读哪一段",
        started: "开始朗读",
        stopped: "朗读已停止",
        finished: "朗读完毕",
        failed: "朗读出错，已停止",
        no_voice: ("此浏览器没有可朗读", "的语音"),
        names_in: crate::speech::NameIn::Simplified,
    },
    reading_time: ("阅读约 ", " 分钟"),
    skip_to_body: "跳到正文",
    error_hint: "如果问题持续，请联系网站，并附上下面的技术信息。",
    technical_detail: "技术信息（英文）",
    size: SizeLabels {
        reset: "恢复默认",
        reset_name: "恢复默认字号",
        elder: "长者模式",
    },
};

/// English labels for articles in any other language.
pub const EN: Labels = Labels {
    lang: Lang::En,
    you_are_here: "You are here",
    published: "Published",
    modified: "Updated",
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
    requested_address: "Requested address",
    retry: "Retry",
    table: "Table",
    blocked_image: "Image omitted: its address is not allowed",
    play_original: "Play on the original site",
    view_original: "View on the original site",
    embedded_player: "Embedded content",
    editors_note: "Editor's note",
    correction: "Correction",
    update: "Update",
    footnotes: "Notes",
    footnote_back: "Back to the text",
    channel_list: "Articles",
    channel_empty: "No articles in this section yet",
    pages_name: "Pages",
    previous_page: "Previous page",
    next_page: "Next page",
    page_number: ("Page ", ""),
    page_of: (" of ", ""),
    neighbours_name: "Previous and next article",
    previous_article: "Previous",
    next_article: "Next",
    not_found_title: "Page not found",
    not_found_text: "The article or section you are looking for does not exist. It may have been removed or moved.",
    home: "Home",
    back_to_channel: "Back to",
    back: "Back",
    summaries: Summaries {
        bad_address: "The reader cannot load an article from this address.",
        network: "The server could not be reached. Check the connection and try again.",
        timeout: "Loading took too long. Try again later.",
        not_found: "This article was not found.",
        server_error: "The server had a problem. Try again later.",
        refused: "The server refused the request.",
        not_article_data: "The server did not send article data.",
        too_large: "The article data is too large to show.",
        damaged: "The article data is damaged (not valid JSON).",
        newer_version: "The article data is of a newer version than this reader understands.",
        schema_at: ("The article data is not in the expected format, at ", "."),
        bad_options: "The reader was embedded with wrong options.",
        limit_intro: "The article exceeds a limit of this reader: ",
        // In the order of `LimitKind::ALL`.
        limit_words: [
            words("bytes of HTML in bodyHtml", ""),
            words("elements in the HTML body", ""),
            words("blocks", ""),
            words("list items", ""),
            words("table cells", ""),
            words("rows in one table", ""),
            words("columns in one table", ""),
            words("runs in one paragraph", ""),
            words("characters in one address", ""),
            words("characters in one text", ""),
            words("runs of text", ""),
            words("levels of nested elements in the HTML body", ""),
        ],
    },
    share: ShareLabels {
        share: "Share",
        copy_link: "Copy link",
        copied: "Link copied",
        copy_refused: "The browser did not allow copying: copy the selected link below by hand.",
        address: "Article link",
        native_share: "Share with an app",
        qr_name: "QR code: ",
        qr_hint: "Scan the code with a phone to open this article there.",
        qr_too_long: "The link is longer than 2331 bytes, too long for a QR code: copy the link instead.",
    },
    settings: SettingsLabels {
        settings: "Settings",
        panel_name: "Reading settings",
        theme: "Theme",
        theme_names: ["Follow system", "Light", "Sepia", "Dark", "High contrast"],
        theme_changed: "Theme changed to",
        typeface: "Typeface",
        typeface_names: ["Sans serif", "Serif", "Kai (brush)"],
        spacing: "Line spacing",
        spacing_names: ["Compact", "Standard", "Loose"],
        width: "Line width",
        width_names: ["Narrow", "Medium", "Wide"],
    },
    speech: SpeechLabels {
        group: "Read aloud",
        read: "Read aloud",
        pause: "Pause",
        resume: "Resume",
        stop: "Stop",
        point: "Click to read",
        point_hint: "When on, clicking a paragraph reads that paragraph",
        started: "Reading aloud",
        stopped: "Reading stopped",
        finished: "Finished reading",
        failed: "Reading aloud failed and stopped",
        no_voice: ("This browser has no voice for ", ""),
        names_in: crate::speech::NameIn::English,
    },
    reading_time: ("", " min read"),
    skip_to_body: "Skip to the article",
    error_hint: "If this keeps happening, please tell the site, with the technical details below.",
    technical_detail: "Technical details",
    size: SizeLabels {
        reset: "Reset",
        reset_name: "Reset text size",
        elder: "Elder mode",
    },
};

/// Chinese labels in Traditional characters, for an article written (or shown, after 繁/简
/// conversion) in Traditional Chinese: the meta line, the toolbar, the sections around the body
/// and 分享 follow the text's script. They are [`ZH`]'s labels as OpenCC's `s2t` table writes
/// them (a test checks each against the table); the loading and error views keep [`ZH`]'s,
/// because they are shown before the article's script is known.
pub const ZH_HANT: Labels = Labels {
    published: "發佈時間",
    modified: "更新時間",
    source: "來源",
    print_name: "打印本文",
    toolbar_name: "閱讀工具",
    bigger_name: "T+ 放大字號",
    smaller_name: "T- 縮小字號",
    text_size: "字號",
    editor: "責編",
    related: "相關閱讀",
    no_related: "暫無相關文章",
    sidebar_name: "欄目推薦",
    table: "表格",
    blocked_image: "圖片地址不安全，已略去",
    play_original: "在原網站播放",
    view_original: "在原網站查看",
    embedded_player: "嵌入的內容",
    editors_note: "編者按",
    footnotes: "註釋",
    neighbours_name: "上一篇和下一篇",
    previous_article: "上一篇",
    next_article: "下一篇",
    share: ShareLabels {
        copy_link: "複製鏈接",
        copied: "鏈接已複製",
        copy_refused: "瀏覽器未允許自動複製，請手動複製下面已選中的鏈接。",
        address: "文章鏈接",
        native_share: "通過其他應用分享",
        qr_name: "二維碼：",
        qr_hint: "用手機掃描二維碼，即可在手機或微信中打開本文。",
        qr_too_long: "鏈接超過 2331 字節，太長，無法生成二維碼；請複製鏈接。",
        ..ZH.share
    },
    settings: SettingsLabels {
        settings: "設置",
        panel_name: "閱讀設置",
        theme: "主題",
        theme_names: ["跟隨系統", "淺色", "米黃", "深色", "高對比度"],
        theme_changed: "主題已切換爲",
        typeface: "字體",
        typeface_names: ["黑體", "宋體", "楷體"],
        spacing: "行距",
        spacing_names: ["緊湊", "標準", "寬鬆"],
        width: "行寬",
        width_names: ["窄", "中", "寬"],
    },
    speech: SpeechLabels {
        group: "朗讀",
        read: "朗讀",
        pause: "暫停",
        resume: "繼續",
        stop: "停止",
        point: "指讀",
        point_hint: "打開後，點按哪一段就朗讀哪一段",
        started: "開始朗讀",
        stopped: "朗讀已停止",
        finished: "朗讀完畢",
        failed: "朗讀出錯，已停止",
        no_voice: ("此瀏覽器沒有可朗讀", "的語音"),
        names_in: crate::speech::NameIn::Traditional,
    },
    reading_time: ("閱讀約 ", " 分鐘"),
    size: SizeLabels {
        reset: "恢復默認",
        reset_name: "恢復默認字號",
        elder: "長者模式",
    },
    ..ZH
};

/// The labels for content tagged `tag`: [`ZH_HANT`] for Chinese in Traditional characters
/// (`zh-Hant`, `zh-TW`, `zh-HK`), otherwise those of [`Lang::from_tag`].
pub fn labels_for_tag(tag: &str) -> &'static Labels {
    match crate::article::convert::Script::of_tag(tag) {
        Some(crate::article::convert::Script::Traditional) => &ZH_HANT,
        _ => Lang::from_tag(tag).labels(),
    }
}

/// The separator between a label and its value: the seed page writes `发布时间: ` with an ASCII
/// colon and a space, and so does the English page.
pub const COLON: &str = ": ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_choice_has_a_name_in_every_language() {
        use crate::settings::{LineSpacing, LineWidth, Setting, Theme, Typeface};
        for labels in [&ZH, &EN, &ZH_HANT] {
            let s = &labels.settings;
            assert_eq!(s.theme_names.len(), Theme::ALL.len());
            assert_eq!(s.typeface_names.len(), Typeface::ALL.len());
            assert_eq!(s.spacing_names.len(), LineSpacing::ALL.len());
            assert_eq!(s.width_names.len(), LineWidth::ALL.len());
        }
    }

    #[test]
    fn traditional_labels_are_the_simplified_ones_as_opencc_writes_them() {
        let s2t =
            crate::zh_convert::Converter::from_tables(&[include_str!("../static/zh/s2t.txt")])
                .expect("the shipped table loads");
        let (zh, hant) = (&ZH, &ZH_HANT);
        let pairs = [
            (zh.published, hant.published),
            (zh.modified, hant.modified),
            (zh.source, hant.source),
            (zh.author, hant.author),
            (zh.print, hant.print),
            (zh.print_name, hant.print_name),
            (zh.toolbar_name, hant.toolbar_name),
            (zh.bigger_name, hant.bigger_name),
            (zh.smaller_name, hant.smaller_name),
            (zh.text_size, hant.text_size),
            (zh.size.reset, hant.size.reset),
            (zh.size.reset_name, hant.size.reset_name),
            (zh.size.elder, hant.size.elder),
            (zh.editor, hant.editor),
            (zh.related, hant.related),
            (zh.no_related, hant.no_related),
            (zh.sidebar_name, hant.sidebar_name),
            (zh.more, hant.more),
            (zh.more_name, hant.more_name),
            (zh.table, hant.table),
            (zh.blocked_image, hant.blocked_image),
            (zh.play_original, hant.play_original),
            (zh.view_original, hant.view_original),
            (zh.embedded_player, hant.embedded_player),
            (zh.editors_note, hant.editors_note),
            (zh.correction, hant.correction),
            (zh.update, hant.update),
            (zh.footnotes, hant.footnotes),
            (zh.footnote_back, hant.footnote_back),
            (zh.neighbours_name, hant.neighbours_name),
            (zh.previous_article, hant.previous_article),
            (zh.next_article, hant.next_article),
            (zh.share.share, hant.share.share),
            (zh.share.copy_link, hant.share.copy_link),
            (zh.share.copied, hant.share.copied),
            (zh.share.copy_refused, hant.share.copy_refused),
            (zh.share.address, hant.share.address),
            (zh.share.native_share, hant.share.native_share),
            (zh.share.qr_name, hant.share.qr_name),
            (zh.share.qr_hint, hant.share.qr_hint),
            (zh.share.qr_too_long, hant.share.qr_too_long),
            (zh.reading_time.0, hant.reading_time.0),
            (zh.reading_time.1, hant.reading_time.1),
            (zh.skip_to_body, hant.skip_to_body),
            (zh.speech.group, hant.speech.group),
            (zh.speech.read, hant.speech.read),
            (zh.speech.pause, hant.speech.pause),
            (zh.speech.resume, hant.speech.resume),
            (zh.speech.stop, hant.speech.stop),
            (zh.speech.point, hant.speech.point),
            (zh.speech.point_hint, hant.speech.point_hint),
            (zh.speech.started, hant.speech.started),
            (zh.speech.stopped, hant.speech.stopped),
            (zh.speech.finished, hant.speech.finished),
            (zh.speech.failed, hant.speech.failed),
            (zh.speech.no_voice.0, hant.speech.no_voice.0),
            (zh.speech.no_voice.1, hant.speech.no_voice.1),
            (zh.settings.settings, hant.settings.settings),
            (zh.settings.panel_name, hant.settings.panel_name),
            (zh.settings.theme, hant.settings.theme),
            (zh.settings.theme_changed, hant.settings.theme_changed),
            (zh.settings.typeface, hant.settings.typeface),
            (zh.settings.spacing, hant.settings.spacing),
            (zh.settings.width, hant.settings.width),
        ];
        let lists = [
            (&zh.settings.theme_names[..], &hant.settings.theme_names[..]),
            (
                &zh.settings.typeface_names[..],
                &hant.settings.typeface_names[..],
            ),
            (
                &zh.settings.spacing_names[..],
                &hant.settings.spacing_names[..],
            ),
            (&zh.settings.width_names[..], &hant.settings.width_names[..]),
        ];
        let pairs = pairs.into_iter().chain(
            lists
                .into_iter()
                .flat_map(|(zh, hant)| zh.iter().copied().zip(hant.iter().copied())),
        );
        for (simplified, traditional) in pairs {
            assert_eq!(s2t.convert(simplified), traditional, "{simplified}");
        }
    }

    #[test]
    fn traditional_tags_get_traditional_labels() {
        for tag in ["zh-Hant", "zh-TW", "zh-HK", "zh-Hant-CN"] {
            assert_eq!(labels_for_tag(tag), &ZH_HANT, "{tag}");
        }
        for (tag, labels) in [
            ("zh-CN", &ZH),
            ("zh", &ZH),
            ("zh-Hans-HK", &ZH),
            ("en", &EN),
        ] {
            assert_eq!(labels_for_tag(tag), labels, "{tag}");
        }
    }

    fn limit(kind: LimitKind, found: usize, limit: usize) -> LimitError {
        LimitError {
            kind,
            limit,
            found,
            path: "$.body[0]".into(),
        }
    }

    #[test]
    fn a_limit_summary_names_the_count_in_words_the_limit_and_its_key() {
        let cells = limit(LimitKind::TableCells, 10_001, 10_000);
        assert_eq!(
            limit_summary(Lang::Zh, &cells),
            "文章超出了阅读器的限制：表格单元格至少有 10001 个，上限为 10000 个（limits.tableCells）。"
        );
        assert_eq!(
            limit_summary(Lang::En, &cells),
            "The article exceeds a limit of this reader: at least 10001 table cells, where at most 10000 are allowed (limits.tableCells)."
        );
        let rows = limit(LimitKind::TableRows, 2001, 2000);
        assert_eq!(
            limit_summary(Lang::Zh, &rows),
            "文章超出了阅读器的限制：一个表格有 2001 行，上限为 2000 行（limits.tableRows）。"
        );
        assert_eq!(
            limit_summary(Lang::En, &rows),
            "The article exceeds a limit of this reader: 2001 rows in one table, where at most 2000 are allowed (limits.tableRows)."
        );
        let html = limit(LimitKind::BodyHtmlBytes, 1_048_577, 1_048_576);
        assert_eq!(
            limit_summary(Lang::Zh, &html),
            "文章超出了阅读器的限制：正文 HTML（bodyHtml）有 1048577 字节，上限为 1048576 字节（limits.bodyHtmlBytes）。"
        );
        let elements = limit(LimitKind::HtmlElements, 20_001, 20_000);
        assert_eq!(
            limit_summary(Lang::En, &elements),
            "The article exceeds a limit of this reader: at least 20001 elements in the HTML body, where at most 20000 are allowed (limits.htmlElements)."
        );
        let depth = limit(LimitKind::HtmlDepth, 257, 256);
        assert_eq!(
            limit_summary(Lang::Zh, &depth),
            "文章超出了阅读器的限制：正文 HTML 的元素嵌套至少有 257 层，上限为 256 层（limits.htmlDepth）。"
        );
        assert_eq!(
            limit_summary(Lang::En, &depth),
            "The article exceeds a limit of this reader: at least 257 levels of nested elements in the HTML body, where at most 256 are allowed (limits.htmlDepth)."
        );
        let runs = limit(LimitKind::Runs, 50_001, 50_000);
        assert_eq!(
            limit_summary(Lang::Zh, &runs),
            "文章超出了阅读器的限制：文字片段至少有 50001 个，上限为 50000 个（limits.runs）。"
        );
        let address = limit(LimitKind::AddressLength, 4097, 4096);
        assert_eq!(
            limit_summary(Lang::Zh, &address),
            "文章超出了阅读器的限制：一个地址有 4097 个字符，上限为 4096 个字符（limits.addressLength）。"
        );
    }

    #[test]
    fn every_limit_has_its_own_words_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let mut seen = Vec::new();
            for kind in LimitKind::ALL {
                let words = kind.words(lang);
                assert!(!words.what.is_empty(), "{lang:?} {kind:?}");
                assert_eq!(words.unit.is_empty(), lang == Lang::En, "{lang:?} {kind:?}");
                assert!(
                    !seen.contains(&(words.what, words.unit)),
                    "{lang:?} {kind:?}"
                );
                seen.push((words.what, words.unit));
            }
        }
        assert_eq!(LimitKind::TableCells.words(Lang::Zh).what, "表格单元格");
        assert_eq!(LimitKind::TableCells.words(Lang::En).what, "table cells");
    }

    #[test]
    fn a_reader_refused_for_a_limit_shows_its_key() {
        let error = crate::load::ReaderError::Article(crate::article::ArticleError::Limit(limit(
            LimitKind::ListItems,
            5001,
            5000,
        )));
        assert_eq!(
            error.summary(Lang::Zh),
            "文章超出了阅读器的限制：列表项至少有 5001 个，上限为 5000 个（limits.listItems）。"
        );
        assert!(error.to_string().contains("limits.listItems"), "{error}");
        assert!(!error.retryable(), "the same article is refused again");
    }

    #[test]
    fn chinese_tags_get_the_seed_labels() {
        for tag in ["zh", "zh-CN", "ZH-cn", "zh_TW", "zh-Hans-CN"] {
            assert_eq!(Lang::from_tag(tag), Lang::Zh, "{tag}");
            assert_eq!(
                Lang::from_tag(tag).labels().you_are_here,
                "您的位置",
                "{tag}"
            );
        }
        assert_eq!(ZH.more, "更多>>");
        assert_eq!(ZH.related, "相关阅读");
    }

    #[test]
    fn other_tags_get_english() {
        for tag in ["en", "en-GB", "", "bo", "zhx"] {
            assert_eq!(Lang::from_tag(tag), Lang::En, "{tag}");
            assert_eq!(Lang::from_tag(tag).labels().print, "Print", "{tag}");
        }
    }

    #[test]
    fn each_language_knows_its_own_tag_and_labels() {
        assert_eq!(
            Lang::default(),
            Lang::Zh,
            "the primary audience reads Chinese"
        );
        assert_eq!(Lang::Zh.tag(), "zh-CN");
        assert_eq!(Lang::En.tag(), "en");
        assert_eq!(Lang::Zh.labels().lang, Lang::Zh);
        assert_eq!(Lang::En.labels().lang, Lang::En);
        assert_eq!(Lang::En.labels().retry, "Retry");
    }
}

//! Languages and the direction they are written in.
//!
//! The reader needs only one fact about a language: whether its script runs right to left, so
//! that an article without an explicit `dir` still lays out correctly. The answer comes from
//! the tag's primary subtag alone (`ar` in `ar-EG`), with a fixed list of the languages whose
//! usual script is right to left; a script subtag that says otherwise (`az-Arab`) is rare in
//! news and can be overridden with `dir`.

use super::model::TextDirection;

/// Primary language subtags whose usual script runs right to left: Arabic, Hebrew (and its
/// old code `iw`), Persian, Urdu, Yiddish, Pashto, Sindhi, Uyghur, Dhivehi, Central Kurdish and
/// Syriac.
pub const RTL_LANGUAGES: [&str; 12] = [
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
];

/// The direction a BCP 47 language tag is written in: right to left for the languages of
/// [`RTL_LANGUAGES`] (whatever the case of the tag, with `-` or `_` before its region), left to
/// right for every other tag, including an empty or malformed one.
pub fn direction_for_language(tag: &str) -> TextDirection {
    let primary = tag.split(['-', '_']).next().unwrap_or_default().trim();
    if RTL_LANGUAGES
        .iter()
        .any(|rtl| rtl.eq_ignore_ascii_case(primary))
    {
        TextDirection::Rtl
    } else {
        TextDirection::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages_by_their_primary_subtag() {
        for tag in [
            "ar", "ar-EG", "AR-eg", "he", "he-IL", "iw", "fa-IR", "ur", "yi", "ps", "sd", "ug-CN",
            "dv", "ckb-IQ", "syr", "ar_SA",
        ] {
            assert_eq!(direction_for_language(tag), TextDirection::Rtl, "{tag}");
        }
    }

    #[test]
    fn every_other_tag_is_left_to_right() {
        // `arn` (Mapudungun) and `hel` are not `ar` and `he`: the whole subtag must match.
        for tag in [
            "zh-CN", "en", "bo", "ug2", "arn", "hel", "x-ar", "", "-", "ckbx", "fr-ar",
        ] {
            assert_eq!(direction_for_language(tag), TextDirection::Ltr, "{tag:?}");
        }
    }

    fn article(language: Option<&str>, dir: Option<&str>) -> crate::article::Article {
        let mut doc = serde_json::json!({
            "schemaVersion": 2, "headline": "h", "body": [{"type": "rule"}]
        });
        if let Some(language) = language {
            doc["inLanguage"] = language.into();
        }
        if let Some(dir) = dir {
            doc["dir"] = dir.into();
        }
        crate::article::article_from_value(doc).unwrap()
    }

    #[test]
    fn an_articles_direction_is_its_dir_else_its_languages() {
        use TextDirection::{Auto, Ltr, Rtl};
        for (language, dir, expected) in [
            (Some("ar"), None, Rtl),
            (Some("ar"), Some("ltr"), Ltr),
            (Some("en"), Some("rtl"), Rtl),
            (Some("en"), Some("auto"), Auto),
            (Some("zh-CN"), None, Ltr),
            (None, None, Ltr),
            (None, Some("rtl"), Rtl),
        ] {
            assert_eq!(
                article(language, dir).direction(),
                expected,
                "{language:?} {dir:?}"
            );
        }
    }

    #[test]
    fn without_a_language_the_interface_language_decides() {
        assert_eq!(
            article(None, None).direction_or("fa-IR"),
            TextDirection::Rtl
        );
        assert_eq!(
            article(Some("en"), None).direction_or("fa-IR"),
            TextDirection::Ltr
        );
        assert_eq!(
            article(None, Some("ltr")).direction_or("fa-IR"),
            TextDirection::Ltr
        );
    }
}

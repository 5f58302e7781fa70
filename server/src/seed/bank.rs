//! The default question bank (the brief's twelve areas). Wording lives in
//! `locales/<lang>/questions.ftl` as `qb-<key>` and `qb-<key>-<option>`.

/// (area, key, kind, options, max characters of free text)
pub struct Item {
    pub area: &'static str,
    pub key: &'static str,
    pub kind: &'static str,
    pub options: &'static [&'static str],
    pub max_chars: i64,
}

const fn scale(area: &'static str, key: &'static str) -> Item {
    Item { area, key, kind: "scale", options: &[], max_chars: 0 }
}

const fn comment(area: &'static str, key: &'static str) -> Item {
    Item { area, key, kind: "text", options: &[], max_chars: 500 }
}

/// The area whose answers go only to the restricted safeguarding view.
pub const SAFEGUARDING_AREA: &str = "safeguarding";

/// The brief's areas in screen order: the editor's list, so the bank and
/// the editor can never disagree.
pub use app::model::questionnaire_admin::AREAS;

pub const ITEMS: &[Item] = &[
    scale("safety", "safety-safe-home"),
    scale("safety", "safety-know-who-to-call"),
    comment("safety", "safety-comment"),
    scale("home", "home-comfortable"),
    scale("home", "home-privacy"),
    scale("home", "home-rules-explained"),
    comment("home", "home-comment"),
    scale("health", "health-could-get"),
    scale("health", "health-respect"),
    scale("health", "health-kept-private"),
    comment("health", "health-comment"),
    scale("feelings", "feelings-listened"),
    scale("feelings", "feelings-own-language"),
    scale("feelings", "feelings-had-choice"),
    comment("feelings", "feelings-comment"),
    scale("school", "school-could-go"),
    scale("school", "school-catch-up"),
    comment("school", "school-comment"),
    scale("work", "work-useful"),
    scale("work", "work-money-help"),
    comment("work", "work-comment"),
    scale("papers", "papers-understood"),
    scale("papers", "papers-kept-informed"),
    scale("papers", "papers-no-pressure"),
    comment("papers", "papers-comment"),
    scale("family", "family-support"),
    scale("family", "family-treated-fairly"),
    scale("family", "family-my-choice"),
    comment("family", "family-comment"),
    scale("worker", "worker-explained"),
    scale("worker", "worker-respected"),
    scale("worker", "worker-kept-promises"),
    comment("worker", "worker-comment"),
    scale("heard", "heard-asked"),
    scale("heard", "heard-listened"),
    scale("heard", "heard-changed"),
    comment("heard", "heard-comment"),
    scale("overall", "overall-rating"),
    Item {
        area: "overall",
        key: "overall-recommend",
        kind: "single",
        options: &["yes", "not-sure", "no"],
        max_chars: 0,
    },
    Item {
        area: "overall",
        key: "overall-parts",
        kind: "multi",
        options: &["shelter", "health", "counselling", "school", "training", "legal", "family", "money"],
        max_chars: 0,
    },
    Item { area: "overall", key: "overall-change-first", kind: "text", options: &[], max_chars: 1000 },
    Item {
        area: SAFEGUARDING_AREA,
        key: "safeguarding-unsafe",
        kind: "single",
        options: &["yes", "no"],
        max_chars: 0,
    },
    Item {
        area: SAFEGUARDING_AREA,
        key: "safeguarding-tell-more",
        kind: "text",
        options: &[],
        max_chars: 1000,
    },
];

//! The replies a young person has been sent, as the submission page and a
//! safeguarding case show them: each with its day, whether the young person
//! has read it, and (until they have) a form to correct it. One component so
//! the two pages cannot drift apart on what may still be changed.
use leptos::prelude::*;

use crate::api::staff::moderation_actions::REPLY_MAX;
use crate::components::escape_html;
use crate::i18n::use_i18n;
use crate::model::moderation::ReplyLine;

/// `correct`: the staff action a correction posts to (e.g.
/// `moderation/reply-correct`); `reference`: what its `id` field carries.
#[component]
pub fn SentReplies(
    replies: Vec<ReplyLine>,
    reference: String,
    young_lang: String,
    correct: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let heading = (!replies.is_empty()).then(|| view! { <h2>{i18n.t("mod-replies")}</h2> });
    let items = replies
        .into_iter()
        .map(|r| {
            // Correctable until the young person has read it with the receipt.
            let fix = (!r.seen).then(|| {
                let field = format!("fix-{}", r.id);
                view! {
                    <details class="correct">
                        <summary>{i18n.t("mod-reply-correct")}</summary>
                        <form method="post" action=format!("/{lang}/staff/{correct}")>
                            <input type="hidden" name="id" value=reference.clone()/>
                            <input type="hidden" name="reply" value=r.id.to_string()/>
                            <label for=field.clone()>{i18n.t("mod-reply-correct-label")}</label>
                            // Leptos does not escape <textarea> children on the server: escape here.
                            <textarea id=field name="body" rows="3" maxlength=REPLY_MAX.to_string() lang=young_lang.clone()
                                inner_html=escape_html(&r.body)></textarea>
                            <p><button type="submit" class="small">{i18n.t("mod-reply-correct-save")}</button></p>
                        </form>
                    </details>
                }
            });
            let seen = if r.seen { "mod-reply-seen" } else { "mod-reply-unseen" };
            view! {
                <li class="reply">
                    <small>{r.day}" · "{i18n.t(seen)}</small><br/>
                    <span lang=young_lang.clone()>{r.body}</span>
                    {fix}
                </li>
            }
        })
        .collect_view();
    view! {
        {heading}
        <ul class="replies">{items}</ul>
    }
}

meta-review-status = draft
language-self-name = မြန်မာ

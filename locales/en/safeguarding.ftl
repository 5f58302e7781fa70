staff-nav-safeguarding = Safeguarding
sg-title = Safeguarding: urgent concerns
sg-intro = Concerns come here at once, not in the daily batch. Acknowledge each within 24 hours, follow the referral steps, and record what you did.
sg-tab-open = Open
sg-tab-closed = Closed
sg-none = No concerns here.
sg-overdue = Overdue by { $hours } h
sg-hours-left = { $hours } h left to acknowledge
sg-col-reference = Reference
sg-col-programme = Programme
sg-col-source = Raised by
sg-col-state = Status
sg-col-raised = Raised (hour)
sg-col-acknowledge = Acknowledged / due
sg-col-due = Acknowledge by
sg-source-question = The young person (safeguarding question)
sg-source-moderator = A moderator
sg-state-new = New
sg-state-acknowledged = Acknowledged
sg-state-referred = Referred
sg-state-closed = Closed
sg-case-title = Safeguarding concern
sg-said = What was said
sg-said-yes = The young person answered "yes" to the safeguarding question: they may not be safe, or need help now.
sg-said-words = The young person wrote to the safeguarding question:
sg-said-moderator = A moderator marked this submission as a safeguarding concern. Their reason:
sg-referral = Referral steps
sg-referral-missing = This programme has no referral steps yet. Ask an administrator to add them; until then follow your organisation's safeguarding policy.
sg-helplines = Helplines
sg-steps = Steps taken
sg-steps-none = Nothing recorded yet.
sg-note-label = Note
sg-note-hint = Needed to refer or close: to whom you referred, or why it is closed. Never write the young person's name.
sg-do-acknowledged = Acknowledge
sg-do-referred = Record the referral
sg-do-closed = Close
sg-answers = Their answers
sg-reply-hint = Keep it short and kind; you may name a helpline. The young person reads it with their receipt code.
sg-flag-summary = This is a safeguarding concern
sg-flag-hint = The submission leaves the queue for the urgent view, and the programme's safeguarding contacts are e-mailed at once.
sg-flag-reason = Why (optional, no names)
sg-flag-submit = Move to the urgent view
staff-done-raised = The submission is now a safeguarding concern. Its contacts were alerted.
staff-done-acknowledged = The concern is acknowledged.
staff-done-referred = The referral was recorded.
staff-done-closed = The concern is closed.
staff-link-mailed = The one-time link was e-mailed to
audit-concern_raised = Raised a safeguarding concern
audit-concern_viewed = Opened a safeguarding concern
audit-concern_step = Moved a safeguarding concern
audit-detail-state-acknowledged = acknowledged
audit-detail-state-referred = referred
audit-detail-state-closed = closed
mail-alert-subject = Safeguarding concern in { $programme }
mail-alert-body =
    A new safeguarding concern was raised in { $programme } (reference { $reference }).
    Please sign in to Siang, read it and acknowledge it within 24 hours:
    { $link }
    This e-mail holds none of the young person's words on purpose. Do not forward it.
mail-invite-subject = Your Siang account
mail-invite-body =
    Hello { $name },
    an account on Siang was made for you. Set your password with this link within 24 hours; it works once:
    { $link }
    If you did not expect this e-mail, ignore it: nothing happens without the link.
mail-reset-subject = Set a new Siang password
mail-reset-body =
    Hello { $name },
    an administrator made you a new link to set your Siang password. It works once, within 24 hours:
    { $link }
    If you did not ask for it, tell your administrator.

# Kiosk mode: a tablet lent in a programme venue (see app/src/model/kiosk.rs).
kiosk-shared-note = This tablet is shared. When you finish, or if nobody touches it for 2 minutes, everything you wrote is cleared for the next person.
kiosk-countdown-title = Are you still there?
kiosk-countdown-body = Soon this page clears itself and starts again for the next person. Touch the screen to stay.
kiosk-still-here = I am still here
kiosk-closed-body = This form was closed so that the next person could start. Nothing of it is shown here. If you were not finished, you can start again.
kiosk-receipt-title = Your receipt code — write it down now
kiosk-receipt-step-paper = Find paper and a pen, or ask a staff member you trust for some.
kiosk-receipt-step-write = Write down this code exactly. You need it to read the team's answer or to take your answers back.
kiosk-receipt-step-done = Then press the button. The code disappears from this screen and nobody after you can see it.
kiosk-receipt-done = I wrote it down — clear the screen
setup-kiosk = Kiosk link (a shared tablet in a venue)
setup-kiosk-hint = Open this link on a tablet the programme lends. After each young person sends, or after 2 minutes without a touch, it clears itself and starts again; the receipt is shown large so they can write it down. Also use the browser's kiosk or guest mode, so nothing else is kept.

# Demonstration programmes loaded by `siang demo`.
demo-shelter-name = Safe Home shelter (demo)
demo-shelter-team = Safe Home care team
demo-shelter-about = A place to stay, meals, and people to talk to while you get back on your feet.
demo-skills-name = Skills for Work (demo)
demo-skills-team = Skills for Work trainers
demo-skills-about = Training for a job, and help to find work and handle money.
demo-family-name = Going Home Together (demo)
demo-family-team = Family support team
demo-family-about = Help to go back to your family or community, if you choose to.
demo-counselling-name = Talk With Us (demo)
demo-counselling-team = Counselling team
demo-counselling-about = Someone to talk to about your feelings, in your language.
demo-school-name = Back to School (demo)
demo-school-team = Learning support team
demo-school-about = Help to go back to school and catch up on lessons.

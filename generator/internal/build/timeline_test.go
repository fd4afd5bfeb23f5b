package build

import "testing"

// TestTimeline checks that /timeline/ lists every dated agreement and
// interview, and nothing else, by year and month, newest first, with the
// dates known only to the year after the months of that year.
func TestTimeline(t *testing.T) {
	newSite(t, minimalTemplates+`
-- content/agreements/a-day.md --
---
title: "Signed on a day"
signed: 2024-03-05
status: signed
---
-- content/agreements/a-month.md --
---
title: "Signed in a month"
signed: 2024-03
status: signed
---
-- content/agreements/a-year.md --
---
title: "Signed in a year"
signed: "2024"
status: signed
---
-- content/agreements/planned.md --
---
title: "Not dated"
status: planned
---
-- content/interviews/talk.md --
---
title: "A talk"
date: 2025-01-31
---
-- content/interviews/later.md --
---
title: "In the future"
date: 2030-01-01
---
-- content/about.md --
---
title: "About"
date: 2024-06-01
---
`).Build().AssertFile("timeline/index.html", `kind=timeline|title=Timeline|url=/timeline/
year=2025
month=January|2025-01
item=A talk|/interviews/talk/
year=2024
month=March|2024-03
item=Signed on a day|/agreements/a-day/
item=Signed in a month|/agreements/a-month/
month=|2024
item=Signed in a year|/agreements/a-year/
`).AssertFileLacks("timeline/index.html", "Not dated", "In the future", "About")
}

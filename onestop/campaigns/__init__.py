"""Campaigns: a promotion that sends customers to the hotline, planned before it launches.

SPEC §5.4 and 篇9 (10086's promotions sent callers to a hotline nobody had
staffed for, and agents learnt of offers from the callers):

1. ``responses`` — the arithmetic, no Django: extra calls per interval =
   reach × response rate × day share (decaying from the launch) × intraday
   share (the day's own shape).
2. ``load`` — that arithmetic on a campaign, the day's shape taken from the
   queue's forecast, else its past calls.
3. ``readiness`` — the checklist, computed each time: the roster covers
   forecast + extra calls in every half hour (``workforce.selectors.staffing_gap``),
   a knowledge article tagged with the campaign's code is in force on the
   launch date (``knowledge.selectors.articles_published_for``), the newest
   script is approved.
4. ``services.campaign_launch`` refuses while any check is red, naming each;
   after the launch the page sets calls offered against the forecast.
"""

"""The batch checker's staff URLs are not about one agency: any staff member checks reports from
outside, and a batch is seen only by whoever uploaded it (tested in test_views: another user,
even a superuser of the same site, gets 404 on every page of someone else's batch)."""

from gongkai.agencies.tests.matrix import Exempt

_REASON = "not agency-scoped: a batch belongs to the user who uploaded it; checked in checker test_views"

ISOLATION_CASES = {
    name: Exempt(_REASON)
    for name in (
        "checker:index",
        "checker:batch",
        "checker:progress",
        "checker:item",
        "checker:export",
        "checker:recheck",
        "checker:delete",
    )
}

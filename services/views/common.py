"""What the catalogue views share: the staff roles and paging."""

from carers.caching import CachedCountPaginator
from carers.models import Role

STAFF = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
PAGE_SIZE = 20


def _page(request, qs, size=PAGE_SIZE):
    # Totals are counted once per change of the catalogue, not on every request.
    return CachedCountPaginator(qs, size).get_page(request.GET.get("page"))

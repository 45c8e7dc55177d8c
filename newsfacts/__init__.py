"""newsfacts: news articles in, a queryable warehouse of dates, counts and places out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsfacts")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

#: Bumped whenever extraction output may change; stored with every article so that
#: `newsfacts reprocess` can find facts made by an older extractor.
EXTRACTOR_VERSION = "1"

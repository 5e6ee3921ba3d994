# ISO 8601 dates: what the registry's sources and readers in every country read alike,
# and what sorts as text. Django's English default would print "Sept. 25, 2025".
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
# The admin's history and timestamps, in the same shape.
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

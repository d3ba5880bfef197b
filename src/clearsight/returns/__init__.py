"""File formats in and out: the statutory returns and the case-management extract."""

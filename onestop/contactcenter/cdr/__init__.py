"""Reading call detail records (CDRs) from a switch's file through a layout.

``spec`` is the mapping format, ``values`` reads one cell, ``rules`` holds
the named rules a layout may use instead of a plain column, ``read`` reads a
whole file into rows and problems, ``validate`` checks a layout's spec.
Nothing here writes to the database; ``onestop.contactcenter.importing``
does, all rows or none.
"""

"""The site's words and the way it prints numbers, one vocabulary for figures, tables, facts and alt texts alike: the
page's words for each parameter, read from its name (`words`; a name it does not know is an error), numbers as the
pages print them, with a true minus sign, superscript powers of ten and counts in words (`printed`), and lists and
table cells set as the prose writes them (`prose`). Plain Python: it imports no other part of the package, nor torch
or matplotlib, so every layer above it may use it.
"""

"""The glossary: its front matter schema, the site checker and the MkDocs hook that generates cross-links."""

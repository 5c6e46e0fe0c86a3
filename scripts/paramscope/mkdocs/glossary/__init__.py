"""The `paramscope-glossary` plugin: the glossary's index, tooltips, cross-links, search keywords and house rules."""

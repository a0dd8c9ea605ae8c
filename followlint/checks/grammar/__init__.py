"""grammar-typos: spelling, repeated words, grammar, word choice, capitalisation and punctuation.

One module per rule; ``_analysis`` maps the grammar engines' issues (followlint.grammar) to these rules
and drops what is not an error in a follow-up. It runs once per draft and the six rules share it.
"""

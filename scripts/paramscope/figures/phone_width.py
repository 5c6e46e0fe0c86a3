"""The width of a figure's own phone drawing (out.figure(..., narrow=...)).

At 3.6 in, with a tight crop of a few points, text of style.MIN_PT renders above style.MIN_PHONE_PX in the 343 px
column of a 375 px phone (MIN_PT · 343 / 11 = 281 pt ≈ 3.9 in at most). Kept apart from style, which every producer
imports: a change here re-runs only the producers that draw for phones themselves.
"""
WIDTH_IN = 3.6

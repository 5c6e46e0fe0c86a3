"""A producer's side of the generator: what its code runs against. `output` (`Out`, the contract of
`produce(out)`, and `Output`, the build's, saved to the cache), `show` (`Show`, the same contract shown inline in a
notebook), `sanity` (`expect` and the exceptions a run fails with) and `inputs` (the files a producer reads,
recorded by the run's Tracker or named with `track_input`). Producers import these names from paramscope_generator.api;
the runner and the notebooks build on this part.
"""

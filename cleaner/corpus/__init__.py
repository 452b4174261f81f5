"""The corpus wing: cleaning many pages, from reading them to writing their outputs.

`inputs` reads files, folders, stdin, JSONL and WARC into `Input`s; `tasks` is what a worker does with one;
`executors` runs the tasks (here, in worker processes) in input order; `sinks` writes the outcomes (and
knows what a resumed run already wrote); `progress` draws the bar; `run` puts them together, with the
site-wide dedup pass. `dask_runner` runs the same tasks on a Dask cluster. It reads the core and the
output wing; neither reads it.
"""

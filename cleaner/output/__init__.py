"""The output wing: a `Result` as text, markdown, JSON records, an `--explain` listing or an HTML report.

It reads the core (`cleaner.document`) and nothing of the corpus wing: what a record carries about its
input (source, url, id, carried fields, error) comes in as plain values.
"""

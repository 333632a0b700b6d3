"""The reliability suite: `zhangfang serve` as a subprocess on a generated demo firm, on SQLite or PostgreSQL,
under sustained signed load, a hostile-input corpus and faults, with the platforms' APIs played by the local fakes
of tests/fakes. Loopback only; bounded in count and time. Run it with `make reliability` or
`python -m benchmarks.reliability --help`; see docs/reliability.md."""

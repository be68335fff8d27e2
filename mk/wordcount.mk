# processed_data/ and results/: counts, Zipf table, csv, corpus.

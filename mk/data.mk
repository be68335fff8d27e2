# data/MANIFEST -> data/pgNN.txt, fetched and verified.

# gen-books.awk: n small synthetic books for bench-scale, never committed.
#
#   awk -v n=1000 -v dir=data [-v words=800] [-v seed=1] [-v first=100001] \
#       -f gen-books.awk
#
# writes dir/pgFIRST.txt .. dir/pg(FIRST+n-1).txt, names the pipeline's
# allow-list takes.  Each book has about `words` words (half to one and a
# half times that, so a few KB), drawn from a vocabulary of 20,000 words by
# Zipf's law (the k-th most common word has weight 1/k), in lines of about
# 70 characters, sentences capitalised and ended by a full stop, commas
# here and there: text the tokenizer and the charts see as prose.  Word k
# is spelt as k in base 75 with consonant-vowel syllables, so the common
# words are the short ones.  The same seed gives the same books.
BEGIN {
	if (n == "" || dir == "") {
		print "usage: awk -v n=N -v dir=DIR -f gen-books.awk" > "/dev/stderr"
		exit 2
	}
	if (words == "") words = 800
	if (seed == "") seed = 1
	if (first == "") first = 100001
	srand(seed)
	V = 20000
	nc = split("b c d f g h k l m n p r s t v", cons, " ")
	nv = split("a e i o u", vow, " ")
	for (k = 1; k <= V; k++) {
		vocab[k] = spell(k - 1)
		cum[k] = (k > 1 ? cum[k - 1] : 0) + 1 / k
	}
	# buckets of the cumulative weights: a draw starts its search there
	NB = 4096
	k = 1
	for (b = 0; b < NB; b++) {
		while (k < V && cum[k] < b / NB * cum[V])
			k++
		lo[b] = k
	}
	for (i = 0; i < n; i++)
		book(dir "/pg" (first + i) ".txt")
}

function spell(x,    s) {
	s = ""
	do {
		s = cons[int(x % (nc * nv) / nv) + 1] vow[x % nv + 1] s
		x = int(x / (nc * nv))
	} while (x > 0)
	return s
}

function draw(    r, k) {
	r = rand() * cum[V]
	k = lo[int(r / cum[V] * NB)]
	while (k < V && cum[k] < r)
		k++
	return vocab[k]
}

function book(path,    nw, j, w, line, cap, r) {
	nw = int(words * (0.5 + rand()))
	line = ""
	cap = 1
	for (j = 0; j < nw; j++) {
		w = draw()
		if (cap)
			w = toupper(substr(w, 1, 1)) substr(w, 2)
		cap = 0
		r = rand()
		if (r < 0.06) {
			w = w "."
			cap = 1
		} else if (r < 0.14) {
			w = w ","
		}
		line = line == "" ? w : line " " w
		if (length(line) > 70) {
			print line > path
			line = ""
		}
	}
	print line "." > path
	close(path)
}

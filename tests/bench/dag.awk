# dag.awk: the workflow as Graphviz DOT, from make's own database
# (`make -pn GOALS`), so that the graph is the rules themselves and cannot
# drift from them.  Variables: goals="results acf corpus" (where to start),
# bindir (make's $(B), where the tools are: bin/ or bin/san),
# max=30 (above that many books, each per-book step becomes one node with
# a count).  Nodes: the goals, and every file under data/, processed_data/
# and results/ reachable from them (hidden stamps left out), each labelled
# with the tool that makes it (its prerequisite in bindir or a bin/).
# q(s): s as a DOT string; "\001" in s becomes a line break.
function q(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\001/, "\\n", s)
	return "\"" s "\""
}
function kept(p, b) {
	if (p in isgoal) return 1
	if (p !~ /^(data|processed_data|results)\// || p ~ /\/$/) return 0
	b = p; sub(/.*\//, "", b)
	return b !~ /^\./
}
function tool(p) {
	if ((bindir != "" && index(p, bindir "/") == 1) || p ~ /(^|\/)bin\/[^\/]+$/ ||
	    p ~ /\.sh$/) { sub(/.*\//, "", p); return p }
	return ""
}
# class(p): p with its book's name replaced by {book} (the longest book
# name that the file's base name starts with, followed by . or _).
function class(p,   d, b, i, c, best) {
	if (!collapse || !(p ~ /\//)) return p
	d = p; sub(/[^\/]*$/, "", d); b = substr(p, length(d) + 1)
	best = 0
	for (i = 1; i <= length(b); i++) {
		c = substr(b, i, 1)
		if ((c == "." || c == "_") && (substr(b, 1, i - 1) in book)) best = i
	}
	if (!best) return p
	return d "{book}" substr(b, best)
}
BEGIN { ngoal = split(goals, g, " "); for (i = 1; i <= ngoal; i++) isgoal[g[i]] = 1 }
/^BOOK_NAMES :?= / { nbook = split(substr($0, index($0, "=") + 2), bk, " ")
	for (i = 1; i <= nbook; i++) book[bk[i]] = 1 }
/^# Files/ { files = 1; next }
/^# files hash-table stats/ { files = 0 }
files && /^[^#\t ][^=]*:( |$)/ && !/ (:|\+|\?)?= / {
	t = $0; sub(/:.*/, "", t); r = substr($0, length(t) + 2)
	sub(/\|.*/, "", r)	# order-only prerequisites (directories) are not flow
	if (t ~ /%/) next
	n = split(r, pre, " ")
	for (i = 1; i <= n; i++) deps[t] = deps[t] " " pre[i]
}
END {
	collapse = nbook > max
	# reachable from the goals, breadth first
	for (i = 1; i <= ngoal; i++) { queue[++qn] = g[i]; seen[g[i]] = 1 }
	for (qi = 1; qi <= qn; qi++) {
		t = queue[qi]; n = split(deps[t], pre, " ")
		for (i = 1; i <= n; i++) {
			# a program in bin/ names the step better than a script
			if (tool(pre[i]) != "" && kept(t) && !((t in made) && pre[i] ~ /\.sh$/))
				made[t] = tool(pre[i])
			if (!(pre[i] in seen)) { seen[pre[i]] = 1; queue[++qn] = pre[i] }
		}
	}
	print "digraph workflow {"
	print "\trankdir=LR; fontname=\"sans-serif\";"
	print "\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fa\", fontname=\"sans-serif\", fontsize=10];"
	print "\tedge [color=\"#555555\"];"
	for (qi = 1; qi <= qn; qi++) {
		t = queue[qi]
		if (!kept(t)) continue
		c = class(t); count[c]++
		if (!(c in label)) { label[c] = c; order[++nc] = c; tl[c] = made[t] }
	}
	for (i = 1; i <= nc; i++) {
		c = order[i]
		lab = c
		if (count[c] > 1) lab = lab "\001" count[c] " files"
		if (tl[c] != "") lab = lab "\001(" tl[c] ")"
		attr = ""
		if (c in isgoal) { lab = "make " c; attr = ", shape=ellipse, fillcolor=\"#fde9c8\"" }
		else if (c ~ /^data\//) attr = ", shape=note, fillcolor=white"
		printf "\t%s [label=%s%s];\n", q(c), q(lab), attr
	}
	for (qi = 1; qi <= qn; qi++) {
		t = queue[qi]
		if (!kept(t)) continue
		n = split(deps[t], pre, " ")
		for (i = 1; i <= n; i++) {
			if (!kept(pre[i])) continue
			e = q(class(pre[i])) " -> " q(class(t))
			if (!(e in edge)) { edge[e] = 1; print "\t" e ";" }
		}
	}
	if (collapse)
		printf "\tlabel=%s;\n", q(nbook " books: each {book} node stands for one file per book")
	print "}"
}

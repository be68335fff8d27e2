# Charts (wc-plotdata) and the report page (wc-report).  BOOK_NAMES, the
# results/ directory target, results/zipf-fit.csv and results/corpus.dat
# come from wordcount.mk; results/%_acf.csv from acf.mk.
#
# Every chart is named from the book list, never from what is in results/;
# corpus-level outputs live in results/corpus/, a name no book can take;
# the steps that read every book read their file list from a file written
# with $(file ...), so no command line grows with the corpus.
RUN ?=
BOOK_NAMES ?=
N ?= 10

# A book name reaches a recipe only if it passes the allow-list and cannot
# take another book's chart (x_acf.png is book x's autocorrelation).
# (data.mk's bad_names; a list that data.mk made of allowed names only,
# BOOK_NAMES_ALLOWED, is not checked twice: 50 ms at 70,000 books)
PLOT_BAD := $(if $(BOOK_NAMES_ALLOWED),,$(call bad_names,$(BOOK_NAMES)))
PLOT_CLASH := $(filter %_acf %_zipf,$(filter-out $(PLOT_BAD),$(BOOK_NAMES)))
$(foreach b,$(PLOT_BAD),$(warning plot: $(b): not a name to chart (A-Z a-z 0-9 . _ + -); no charts for it))
$(foreach b,$(PLOT_CLASH),$(warning plot: $(b): a name ending in _acf or _zipf would take another book's chart; no charts for it))
PLOT_BOOKS := $(filter-out $(PLOT_BAD) $(PLOT_CLASH),$(BOOK_NAMES))

# the charts this run looks at: those of fresh.mk's BOOKS_TODO
PLOT_TODO  := $(filter-out $(PLOT_BAD) $(PLOT_CLASH),$(BOOKS_TODO))
PLOTS      := $(patsubst %,results/%.$(PLOT_FORMAT),$(PLOT_TODO))
ZIPF_PLOTS := $(patsubst %,results/%_zipf.$(PLOT_FORMAT),$(PLOT_TODO))
ACF_PLOTS  := $(patsubst %,results/%_acf.$(PLOT_FORMAT),$(PLOT_BOOKS))
PLOT_ACF_CSVS := $(patsubst %,results/%_acf.csv,$(PLOT_BOOKS))
CORPUS_ZIPF := $(if $(PLOT_BOOKS),results/corpus/zipf.$(PLOT_FORMAT))
CORPUS_ACF  := $(if $(PLOT_BOOKS),results/corpus/acf.$(PLOT_FORMAT))

# The report shows the acf charts when this run makes them (make acf report
# in one run), or else those of the books whose acf CSV is already there,
# and the corpus chart when every book has one.
# (one read of results/, not a look a book; none when fresh.mk looks only
# at changed books, FRESH_SOME: none of them has acf results)
ACF_CSVS_THERE := $(if $(FRESH_SOME),,$(wildcard results/*_acf.csv))
PLOT_ACF_HAVE := $(if $(ACF_CSVS_THERE),$(filter $(PLOT_ACF_CSVS),$(ACF_CSVS_THERE)))
REPORT_ACF := $(if $(filter acf plots,$(MAKECMDGOALS)),$(ACF_PLOTS) $(CORPUS_ACF),\
	$(patsubst %.csv,%.$(PLOT_FORMAT),$(PLOT_ACF_HAVE)) \
	$(if $(filter-out $(PLOT_ACF_HAVE),$(PLOT_ACF_CSVS)),,$(CORPUS_ACF)))

# make -n writes nothing: the lists are written only when recipes run.
PLOT_DRY := $(findstring n,$(firstword -$(MAKEFLAGS)))
define plot_nl


endef
# plot_list FILE,WORDS: WORDS one a line in FILE
plot_list = $(if $(PLOT_DRY),,$(file >$(1),$(subst $(plot_space),$(plot_nl),$(strip $(2)))))
plot_space := $(subst ,, )

$(call exec_direct,results/%.$(PLOT_FORMAT))
$(PLOTS): results/%.$(PLOT_FORMAT): processed_data/%.dat $(B)/wc-plotdata | results/
	$(call say,PLOT,$*)
	$(Q)$(RUN) $(B)/wc-plotdata $< $@

$(ZIPF_PLOTS): results/%_zipf.$(PLOT_FORMAT): processed_data/%.dat $(B)/wc-plotdata $(call knob_stamp,N) | results/
	$(call say,ZIPF,$*)
	$(Q)$(RUN) $(B)/wc-plotdata -z -n $(N) $< $@

# a pattern rule, not a static one: a rule a book costs make a third of a
# second to read at 70,000 books, in runs that draw no acf chart (a book
# named x_acf has no charts, so results/x_acf.png is never the bar chart)
results/%_acf.$(PLOT_FORMAT): results/%_acf.csv $(B)/wc-plotdata
	$(call say,PLOT,$*_acf)
	$(Q)$(RUN) $(B)/wc-plotdata -A $< $@

results/corpus/zipf.$(PLOT_FORMAT): results/corpus.dat $(B)/wc-plotdata $(call knob_stamp,N) | results/corpus/
	$(call say,ZIPF,corpus)
	$(Q)$(B)/wc-plotdata -z -n $(N) -t "$(words $(PLOT_BOOKS)) books: rank and count (Zipf's law)" $< $@

# every book's acf curve on one chart; the list, not the command line,
# holds the files, and an empty list is refused rather than read as stdin
# (its rule is there when a goal or the report wants it: it names every book)
ifneq ($(or $(filter acf plots $(CORPUS_ACF),$(MAKECMDGOALS)),$(filter $(CORPUS_ACF),$(REPORT_ACF))),)
results/corpus/acf.$(PLOT_FORMAT): $(PLOT_ACF_CSVS) $(B)/wc-plotdata | results/corpus/
	$(call say,PLOT,corpus/acf)
	$(call plot_list,results/corpus/acf.list,$(PLOT_ACF_CSVS))
	$(Q)$(B)/wc-plotdata -A -F results/corpus/acf.list -t "word autocorrelation, $(words $(PLOT_ACF_CSVS)) books" $@
endif

# the books' texts (title and author) and tables (top words)
REPORT_FILES = $(foreach b,$(PLOT_BOOKS) $(PLOT_CLASH),\
	$(firstword $(wildcard data/$(b).txt data/$(b).txt.gz)) processed_data/$(b).dat)

results/index.html: results/zipf-fit.csv $(PLOTS) $(ZIPF_PLOTS) $(CORPUS_ZIPF) $(REPORT_ACF) $(B)/wc-report \
		$(call knob_stamp,PLOT_FORMAT) | results/corpus/
	$(call say,REPORT,$@)
	$(call plot_list,results/corpus/report.list,$(REPORT_FILES))
	$(Q)$(B)/wc-report -f $(PLOT_FORMAT) -F results/corpus/report.list -o $@ $<

# the run's last line (wordcount.mk's summary) names the report
results: results/index.html
# every book's name in a list costs make a tenth of a second to read at
# 70,000 books: these are read when they are goals (config.mk's goal_only)
plots: ## every chart (PLOT_FORMAT=png or svg)
$(call goal_only,plots,$(PLOTS) $(ZIPF_PLOTS) $(CORPUS_ZIPF) $(ACF_PLOTS) $(CORPUS_ACF))
$(if $(filter acf,$(MAKECMDGOALS)),$(eval acf: $(ACF_PLOTS) $(CORPUS_ACF)))
report: results/index.html ## results/index.html: the books, their charts, Zipf's law
	@echo 'report: file://$(abspath results/index.html)'
.PHONY: plots report

BENCHES += bench-plot
bench-plot: $(B)/wc-plotdata
	$(TOP)/tests/bench/plot.sh $(B)/wc-plotdata

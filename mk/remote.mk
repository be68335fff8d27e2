# The per-book steps on other hosts.  HOSTS=4/nodeA,4/nodeB (fanout -S
# syntax) runs every count, chart and acf through fanout on a free slot of
# one of those hosts, over one ssh connection a host for the whole run
# (mk/remote-step.sh); the steps that take every book run here.  The hosts
# must see this tree at the same path (a shared file system).  HOSTS_DIR
# holds the run's slot locks and ssh sockets (default $TMPDIR/wordcount-ssh.UID).
HOSTS_DIR ?=

ifneq ($(strip $(HOSTS)),)
ifneq ($(strip $(LAUNCH)),)
$(error HOSTS and LAUNCH are both set: the per-book steps run over ssh (HOSTS) or under a launcher (LAUNCH))
endif
RUN = $(TOP)/mk/remote-step.sh $(B)/fanout '$(HOSTS)' '$(HOSTS_DIR)'
# fanout is built before any step: every per-book rule waits for one of
# these directories (order-only: a rebuilt fanout changes no output).
processed_data/ results/: | $(B)/fanout
endif

/* The signals that end a tool (SIGINT, SIGTERM, SIGHUP), caught. */
#ifndef SIG_H
#define SIG_H

/* sig_catch: handler for each of them, except one that was ignored when
 * the tool started (nohup, a background job): it stays ignored. */
void sig_catch(void (*handler)(int));

#endif

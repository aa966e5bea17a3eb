// Swift cannot call C variadic functions such as el_set and history, so each call Carnet
// needs is wrapped here in a fixed-signature inline function.
#ifndef CARNET_CLIBEDIT_SHIM_H
#define CARNET_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef char *(*carnet_prompt_fn)(EditLine *);
typedef unsigned char (*carnet_command_fn)(EditLine *, int);

/* el_init on the process's standard streams (Swift 6 cannot touch the C globals). */
static inline EditLine *carnet_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

static inline int carnet_el_set_prompt(EditLine *e, carnet_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int carnet_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int carnet_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int carnet_el_set_history(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int carnet_el_add_function(EditLine *e, const char *name, const char *help, carnet_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int carnet_el_bind(EditLine *e, const char *key, const char *command) {
    return el_set(e, EL_BIND, key, command, NULL);
}
static inline int carnet_el_set_clientdata(EditLine *e, void *data) { return el_set(e, EL_CLIENTDATA, data); }
static inline void *carnet_el_get_clientdata(EditLine *e) {
    void *data = NULL;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}

static inline int carnet_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int carnet_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int carnet_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int carnet_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int carnet_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/* The terminal's width in columns, or 0 when `fd` is not a terminal. */
static inline int carnet_terminal_width(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

/* Installs `handler` for `signo` without SA_RESTART, so that a blocking read returns EINTR. */
static inline int carnet_install_interrupt_handler(int signo, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(signo, &action, NULL);
}

#endif

// libtracefs (and, through it, libtraceevent) for ReclaimLive's tracing instance, plus the
// few Linux headers Glibc's Swift module leaves out (swapon/swapoff, prctl).
#include <tracefs.h>
#include <event-parse.h>
#include <sys/swap.h>
#include <sys/prctl.h>

// prctl(2) is variadic, which Swift cannot call: fixed-arity wrappers.
static inline int reclaimlab_set_pdeathsig(int signal) { return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0); }
static inline int reclaimlab_set_name(const char *name) { return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }

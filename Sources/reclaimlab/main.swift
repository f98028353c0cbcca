import ReclaimCLI

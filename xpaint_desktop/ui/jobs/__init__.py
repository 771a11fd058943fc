"""Jobs in the window: the job list, one job's detail, reopening, results, usage."""

package dev.sluice.index;

import dev.sluice.pep.ProjectName;

/**
 * What every source and gate is: the read side of an index. Errors are typed, and gates rely on the
 * difference: {@link ProjectNotFound} (this source has no such project: another may), {@link FileNotFound}
 * (the project is here, the file is not), {@link SourceUnavailable} (cannot tell now) and {@link Refused}
 * (a gate said no, with a reason). Every call carries its {@link RequestContext}: who asks, through which route.
 */
public interface Repository {
    ProjectList projects(RequestContext context);

    /** @throws ProjectNotFound, SourceUnavailable, Refused */
    ProjectPage project(ProjectName name, RequestContext context);

    /** A distribution file's bytes. @throws ProjectNotFound, FileNotFound, SourceUnavailable, Refused */
    Resource file(ProjectName name, String filename, RequestContext context);

    /** The PEP 658 core metadata of a distribution file. @throws as {@link #file} */
    Resource metadata(ProjectName name, String filename, RequestContext context);
}

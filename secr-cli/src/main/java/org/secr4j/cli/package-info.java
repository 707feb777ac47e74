/** The {@code secr4j} command line (picocli); its JSON and exit codes follow ../shared/docs/cli.md. */
package org.secr4j.cli;

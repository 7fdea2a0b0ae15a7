/* pipe: see pipe.h.  The reader lends the terminal as system(3) would:
 * curses suspended, SIGINT and SIGQUIT ignored while the command runs
 * (they are the command's: Ctrl-C in less must not end the reader),
 * and Ctrl-Z stops both, as a shell's job. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "article.h"
#include "i18n.h"
#include "ui/pipe.h"
#include "ui/prompt.h"
#include "ui/ui.h"
#include "util.h"

/* Run cmd with text on its standard input, the terminal lent to it.
 * Returns its wait status, or -1 with errno set. */
static int
run(const char *cmd, const char *text, bool wait_key)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	struct sigaction oint, oquit, otstp, opipe;
	FILE *f;
	int status;
	char c;

	def_prog_mode();
	endwin();
	/* The command starts with the signals as they were (exec resets
	 * the reader's handlers); only then does the reader leave them to
	 * it. */
	if ((f = popen(cmd, "w")) == NULL) {
		reset_prog_mode();
		return -1;
	}
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	/* A command that stops reading (head, true) is no error. */
	sigaction(SIGPIPE, &ign, &opipe);
	/* Not curses' own handler, which would draw the reader over the
	 * command when both are continued. */
	sigaction(SIGTSTP, &dfl, &otstp);
	fputs(text, f);
	status = pclose(f);
	/* Ctrl-C (in less, say) is no failure to show. */
	if (status != -1 && (wait_key || (WIFEXITED(status) &&
	    WEXITSTATUS(status) != 0) || (WIFSIGNALED(status) &&
	    WTERMSIG(status) != SIGINT))) {
		putchar('\n');
		if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			printf(_("The command exited with status %d.\n"),
			    WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			printf(_("The command was ended by signal %d.\n"),
			    WTERMSIG(status));
		fputs(_("Press any key to return to lede."), stdout);
		fflush(stdout);
		/* One key, read raw (the terminal back in the reader's
		 * mode), and whatever else it sent (an arrow's escape
		 * sequence) dropped. */
		reset_prog_mode();
		while (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR &&
		    !ui_gone())
			;
		flushinp();
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGPIPE, &opipe, NULL);
	sigaction(SIGTSTP, &otstp, NULL);
	reset_prog_mode();
	/* The command drew over the screen: draw all of it again. */
	clearok(curscr, TRUE);
	return status;
}

void
pipe_article(struct ui *ui)
{
	const char *pager = getenv("PAGER");
	char *cmd, *text;

	if (ui->article == NULL) {
		ui_message(ui, "%s", _("no article to pipe"));
		return;
	}
	if (pager == NULL || *pager == '\0')
		pager = "less";
	cmd = prompt_read(ui, _("Pipe the article to: "), ui->pipe_cmd ?
	    ui->pipe_cmd : pager, NULL, NULL);
	if (cmd == NULL || *cmd == '\0') {
		free(cmd);
		return;
	}
	free(ui->pipe_cmd);
	ui->pipe_cmd = cmd;
	text = article_text_new(ui->article);
	if (run(cmd, text, strcmp(cmd, pager) != 0) < 0)
		ui_message(ui, _("cannot run the command: %s"), strerror(errno));
	free(text);
}

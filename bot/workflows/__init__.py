"""Service workflows in chat: understanding workflow commands and questions (understand.py, with the question
parser's entity index), proposing changes and applying them once confirmed (commands.py), answering questions
(answers.py). desk.workflow_reply is the one entry, called by bot.answer.Answerer before its question parser."""

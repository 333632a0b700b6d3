"""Staff actions in chat (actions.md): proposals with a preview, 确认 / 取消 / 撤销, and their replies."""

module CommentsHelper
  def render_comment(comment)
    raw("<p class='comment'>#{comment.body}</p>")
  end
end

module CommentsHelper
  def render_comment(comment)
    content_tag(:p, comment.body, class: "comment")
  end
end

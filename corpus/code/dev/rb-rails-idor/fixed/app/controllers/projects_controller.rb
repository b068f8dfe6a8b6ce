class ProjectsController < ApplicationController
  before_action :authenticate_user!

  def index
    @projects = current_user.projects
    render json: @projects
  end

  def destroy
    project = current_user.projects.find(params[:id])
    project.destroy
    head :no_content
  end
end
